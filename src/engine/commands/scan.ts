// Mirrors keysCommand and scanGenericCommand in src/db.c: KEYS and SCAN over one database.
import type { CommandSpec } from '../command.ts';
import { stringMatch } from '../glob.ts';
import {
	LOOKUP_NOTOUCH,
	expireIfNeeded,
	keyIsExpired,
	lookupKeyRead,
	type Db,
} from '../keyspace.ts';
import { parseStrictInt64 } from '../object.ts';
import { ERR, array, bulk, bulks, error, type Reply } from '../reply.ts';
import type { Server } from '../server.ts';

const ULONG_MAX = 2n ** 64n - 1n;

/**
 * parseScanCursorOrReply: strtoul's rules (leading '+' or '-' allowed, '-1' wraps to ULONG_MAX,
 * the empty string is cursor 0), but no leading space and nothing after the digits.
 */
export function parseScanCursor(raw: string): bigint | null {
	if (/^[ \t\n\v\f\r]/.test(raw)) return null;
	if (raw === '') return 0n;
	const m = /^([+-]?)(\d+)$/.exec(raw);
	if (!m) return null;
	const v = BigInt(m[2]!);
	if (v > ULONG_MAX) return null;
	return m[1] === '-' ? (ULONG_MAX + 1n - v) & ULONG_MAX : v;
}

/** A missing key's reply to HSCAN, SSCAN and ZSCAN: cursor 0, nothing found. */
export const EMPTY_SCAN: Reply = Object.freeze(array([bulk('0'), bulks([])]));

/**
 * The end of scanGenericCommand for a key's elements: MATCH filters what the walk found (each
 * `stride` items are one element, the first its name, as a hash's field and value or a zset's
 * member and score), then the next cursor and the elements kept.
 */
export function elementScanReply(
	next: bigint,
	items: readonly string[],
	pattern: string | null,
	stride: 1 | 2,
): Reply {
	let kept = items;
	if (pattern !== null) {
		const out: string[] = [];
		for (let i = 0; i < items.length; i += stride)
			if (stringMatch(pattern, items[i]!)) for (let k = 0; k < stride; k++) out.push(items[i + k]!);
		kept = out;
	}
	return array([bulk(next.toString()), bulks(kept)]);
}

export interface ScanOptions {
	count: number;
	pattern: string | null;
	type: string | null;
}

/**
 * The options after the cursor, left to right, shared by SCAN and HSCAN as scanGenericCommand
 * shares them: COUNT ≥ 1, MATCH, and TYPE for SCAN only (anything else is a syntax error).
 */
export function parseScanOptions(
	argv: readonly string[],
	from: number,
	allowType: boolean,
): ScanOptions | Reply {
	const opts: ScanOptions = { count: 10, pattern: null, type: null };
	for (let i = from; i < argv.length; i += 2) {
		const opt = argv[i]!.toLowerCase();
		const value = argv[i + 1];
		if (value === undefined) return error(ERR.syntax);
		if (opt === 'count') {
			const n = parseStrictInt64(value);
			if (n === null) return error(ERR.notInteger);
			if (n < 1n) return error(ERR.syntax);
			opts.count = n > 1_000_000_000n ? 1_000_000_000 : Number(n);
		} else if (opt === 'match') {
			// Exactly "*" always matches, so it is the same as no pattern at all.
			opts.pattern = value === '*' ? null : value;
		} else if (opt === 'type' && allowType) {
			opts.type = value.toLowerCase();
		} else {
			return error(ERR.syntax);
		}
	}
	return opts;
}

/**
 * One SCAN step. The cursor is a position in `db.keys`; a batch is the next `count` positions.
 * Each key is filtered by pattern, then by TYPE (a NOTOUCH read lookup, counting a hit or miss),
 * then by lazy expiry, which deletes it. A deletion moves the last key into the freed position,
 * so that position is looked at again: a key present for the whole iteration is never skipped
 * because another one expired in the same batch. (A key deleted between two calls, behind the
 * cursor, still moves the last key backwards past it: unlike Redis's reverse-binary cursor, this
 * model can miss a key during an iteration that deletes keys it has already passed.)
 */
function scanBatch(server: Server, db: Db, start: number, opts: ScanOptions): string[] {
	const found: string[] = [];
	let i = start;
	while (i < Math.min(start + opts.count, db.keys.length)) {
		const key = db.keys[i]!;
		let filter = opts.pattern !== null && !stringMatch(opts.pattern, key);
		if (!filter && opts.type !== null) {
			const obj = lookupKeyRead(server, db, key, LOOKUP_NOTOUCH);
			if ((obj?.type ?? 'none') !== opts.type) filter = true;
		}
		// Quirk kept from Redis: a key deleted by the TYPE lookup is no longer "expired" here,
		// so `SCAN 0 TYPE none` returns the names of expired keys it just deleted.
		if (!filter && expireIfNeeded(server, db, key)) filter = true;
		if (!filter) found.push(key);
		if (db.keys[i] === key) i++;
	}
	return found;
}

export const scanCommands: readonly CommandSpec[] = [
	{
		name: 'KEYS',
		arity: 2,
		flags: ['readonly'],
		group: 'generic',
		summary: 'Returns all key names that match a pattern; expired keys are hidden, not deleted.',
		syntax: 'pattern',
		since: '1.0.0',
		run({ server, db, argv }) {
			const pattern = argv[1]!;
			const all = pattern === '*';
			const out: string[] = [];
			for (const key of db.keys) {
				if ((all || stringMatch(pattern, key)) && !keyIsExpired(server, db, key)) out.push(key);
			}
			return bulks(out);
		},
	},
	{
		name: 'SCAN',
		arity: -2,
		flags: ['readonly'],
		group: 'generic',
		summary: 'Iterates over the key names in the database.',
		syntax: 'cursor [MATCH pattern] [COUNT count] [TYPE type]',
		since: '2.8.0',
		run({ server, db, argv }) {
			const cursor = parseScanCursor(argv[1]!);
			if (cursor === null) return error(ERR.invalidCursor);
			const opts = parseScanOptions(argv, 2, true);
			if (!isScanOptions(opts)) return opts;
			if (cursor >= BigInt(db.keys.length)) return array([bulk('0'), bulks([])]);
			const start = Number(cursor);
			const found = scanBatch(server, db, start, opts);
			const next = start + opts.count >= db.keys.length ? 0 : start + opts.count;
			return array([bulk(String(next)), bulks(found)]);
		},
	},
];

export function isScanOptions(x: ScanOptions | Reply): x is ScanOptions {
	return 'count' in x;
}
