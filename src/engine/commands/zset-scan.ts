// Mirrors zscanCommand and the sorted-set half of scanGenericCommand (src/db.c): a listpack zset
// comes back whole with cursor 0 and its scores as the listpack holds them; a skiplist's dict is
// walked with the same reverse-binary cursor as HSCAN, each score printed as "%.17Lg".
import type { CommandContext, CommandSpec } from '../command.ts';
import { ERR, error, type Reply } from '../reply.ts';
import { d2string, formatDouble } from '../strtod.ts';
import type { ZSet } from '../zset.ts';
import { dictScan } from './hash-scan.ts';
import {
	EMPTY_SCAN,
	elementScanReply,
	isScanOptions,
	parseScanCursor,
	parseScanOptions,
} from './scan.ts';
import { isReply, readZset } from './zset-type.ts';

/** double2ll's range: integral scores inside it sit in a listpack as integers. */
const LL_HALF = 4611686018427387904;

/** A score as the listpack gives it back: an integer's digits, else d2string's text. */
function listpackScore(score: number): string {
	if (Number.isInteger(score) && Math.abs(score) <= LL_HALF) return BigInt(score).toString();
	return d2string(score);
}

function* memberScores(z: ZSet): Generator<readonly [string, string]> {
	for (const x of z.nodes()) yield [x.ele, formatDouble(x.score)];
}

function zscan({ server, db, argv }: CommandContext): Reply {
	const cursor = parseScanCursor(argv[2]!);
	if (cursor === null) return error(ERR.invalidCursor);
	const obj = readZset(server, db, argv[1]!);
	if (obj === null) return EMPTY_SCAN;
	if (isReply(obj)) return obj;
	const opts = parseScanOptions(argv, 3, false);
	if (!isScanOptions(opts)) return opts;
	let next = 0n;
	let items: string[];
	if (obj.encoding === 'listpack') {
		items = [];
		for (const x of obj.value.nodes()) items.push(x.ele, listpackScore(x.score));
	} else {
		[next, items] = dictScan(memberScores(obj.value), obj.value.size, cursor, opts.count);
	}
	return elementScanReply(next, items, opts.pattern, 2);
}

export const zsetScanCommands: readonly CommandSpec[] = [
	{
		name: 'ZSCAN',
		arity: -3,
		flags: ['readonly'],
		group: 'sorted-set',
		summary: 'Iterates over the members and scores of a sorted set with a cursor.',
		syntax: 'key cursor [MATCH pattern] [COUNT count]',
		since: '2.8.0',
		keys: [1, 1, 1],
		run: zscan,
	},
];
