// Mirrors hscanCommand and the hash half of scanGenericCommand (src/db.c) over dictScan (dict.c):
// a listpack hash comes back whole with cursor 0; a hashtable is walked bucket by bucket with
// Redis's reverse-binary cursor, so fields present for a whole iteration are never missed even
// when the table grows or shrinks between calls.
import type { CommandContext, CommandSpec } from '../command.ts';
import { tableSlots } from '../memory.ts';
import { ERR, error, type Reply } from '../reply.ts';
import { isHashReply, readHash } from './hash-type.ts';
import {
	EMPTY_SCAN,
	elementScanReply,
	isScanOptions,
	parseScanCursor,
	parseScanOptions,
} from './scan.ts';

/** FNV-1a over the field's bytes: a fixed stand-in for Redis's seeded siphash. */
function fieldHash(field: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < field.length; i++) h = Math.imul(h ^ field.charCodeAt(i), 0x01000193);
	return h >>> 0;
}

function reverseBits(v: number, bits: number): number {
	let r = 0;
	for (let i = 0; i < bits; i++) r = (r << 1) | ((v >>> i) & 1);
	return r >>> 0;
}

/**
 * dictScan over one table of `slots` buckets: the cursor's low bits name a bucket, and the next
 * cursor increments the bucket index read with its bits reversed (0 once every bucket is done).
 * Shared by HSCAN and ZSCAN (a zset's dict maps each member to its score).
 */
export function dictScan(
	entries: Iterable<readonly [string, string]>,
	size: number,
	cursor: bigint,
	count: number,
): [bigint, string[]] {
	const slots = tableSlots(size);
	const bits = Math.log2(slots);
	const mask = slots - 1;
	const buckets = new Map<number, (readonly [string, string])[]>();
	for (const [f, v] of entries) {
		const b = fieldHash(f) & mask;
		const list = buckets.get(b);
		if (list) list.push([f, v]);
		else buckets.set(b, [[f, v]]);
	}
	const out: string[] = [];
	let v = Number(cursor & BigInt(mask));
	let maxIterations = count * 10;
	do {
		for (const [f, val] of buckets.get(v) ?? []) out.push(f, val);
		const next = reverseBits(v, bits) + 1;
		v = next >= slots ? 0 : reverseBits(next, bits);
	} while (v !== 0 && maxIterations-- > 0 && out.length < count);
	return [BigInt(v), out];
}

function hscan({ server, db, argv }: CommandContext): Reply {
	const cursor = parseScanCursor(argv[2]!);
	if (cursor === null) return error(ERR.invalidCursor);
	const obj = readHash(server, db, argv[1]!);
	if (obj === null) return EMPTY_SCAN;
	if (isHashReply(obj)) return obj;
	const opts = parseScanOptions(argv, 3, false);
	if (!isScanOptions(opts)) return opts;
	let next = 0n;
	let items: string[];
	if (obj.encoding === 'listpack') {
		items = [...obj.value].flat();
	} else {
		[next, items] = dictScan(obj.value, obj.value.size, cursor, opts.count);
	}
	return elementScanReply(next, items, opts.pattern, 2);
}

export const hashScanCommands: readonly CommandSpec[] = [
	{
		name: 'HSCAN',
		arity: -3,
		flags: ['readonly'],
		group: 'hash',
		summary: 'Iterates over the fields and values of a hash with a cursor.',
		syntax: 'key cursor [MATCH pattern] [COUNT count]',
		since: '2.8.0',
		keys: [1, 1, 1],
		run: hscan,
	},
];
