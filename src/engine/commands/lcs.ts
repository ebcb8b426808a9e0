// Mirrors lcsCommand in src/t_string.c: the longest common subsequence of two strings by the
// classic dynamic-programming table, walked back from the end to emit the string or its ranges.
import type { CommandContext, CommandSpec } from '../command.ts';
import { lookupKeyRead } from '../keyspace.ts';
import { parseStrictInt64 } from '../object.ts';
import { ERR, array, bulk, error, integer, type Reply } from '../reply.ts';
import { PROTO_MAX_BULK_LEN } from './append.ts';

interface LcsOptions {
	idx: boolean;
	len: boolean;
	withMatchLen: boolean;
	minMatchLen: number;
}

function parseOptions(argv: readonly string[]): LcsOptions | Reply {
	const opts: LcsOptions = { idx: false, len: false, withMatchLen: false, minMatchLen: 0 };
	for (let j = 3; j < argv.length; j++) {
		const opt = argv[j]!.toLowerCase();
		const moreArgs = argv.length - 1 - j;
		if (opt === 'idx') opts.idx = true;
		else if (opt === 'len') opts.len = true;
		else if (opt === 'withmatchlen') opts.withMatchLen = true;
		else if (opt === 'minmatchlen' && moreArgs > 0) {
			const n = parseStrictInt64(argv[++j]!);
			if (n === null) return error(ERR.notInteger);
			// Anything above any possible match length filters every range alike.
			opts.minMatchLen = n < 0n ? 0 : n > 2n ** 32n ? 2 ** 32 : Number(n);
		} else return error(ERR.syntax);
	}
	if (opts.idx && opts.len)
		return error('ERR If you want both the length and indexes, please just use IDX.');
	return opts;
}

/** LCS(i, j) for every prefix pair, row by row in one flat array of (alen+1)·(blen+1). */
function lcsTable(a: string, b: string): Uint32Array {
	const w = b.length + 1;
	const t = new Uint32Array((a.length + 1) * w);
	for (let i = 1; i <= a.length; i++) {
		const ca = a.charCodeAt(i - 1);
		for (let j = 1; j <= b.length; j++) {
			t[i * w + j] =
				ca === b.charCodeAt(j - 1)
					? t[(i - 1) * w + j - 1]! + 1
					: Math.max(t[(i - 1) * w + j]!, t[i * w + j - 1]!);
		}
	}
	return t;
}

/**
 * LCS key1 key2: missing keys are empty strings; a non-string gives its own error. The table must
 * fit in proto-max-bulk-len bytes. Ranges come out from the end of the strings backwards, each as
 * [[a_start, a_end], [b_start, b_end]] (+ its length), those shorter than MINMATCHLEN left out.
 */
function lcsCommand({ server, db, argv }: CommandContext): Reply {
	const objA = lookupKeyRead(server, db, argv[1]!);
	const objB = lookupKeyRead(server, db, argv[2]!);
	if ((objA && objA.type !== 'string') || (objB && objB.type !== 'string'))
		return error('ERR The specified keys must contain string values');
	const a = objA ? objA.value : '';
	const b = objB ? objB.value : '';
	const opts = parseOptions(argv);
	if (!('idx' in opts)) return opts;
	if ((a.length + 1) * (b.length + 1) * 4 > PROTO_MAX_BULK_LEN)
		return error('ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len');
	const t = lcsTable(a, b);
	const w = b.length + 1;
	const total = t[a.length * w + b.length]!;
	if (opts.len) return integer(total);

	const chars: string[] = [];
	const matches: Reply[] = [];
	let aStart = -1;
	let aEnd = 0;
	let bStart = 0;
	let bEnd = 0;
	let i = a.length;
	let j = b.length;
	while (i > 0 && j > 0) {
		let emit = false;
		if (a.charCodeAt(i - 1) === b.charCodeAt(j - 1)) {
			chars.push(a[i - 1]!);
			if (aStart === -1) {
				aStart = aEnd = i - 1;
				bStart = bEnd = j - 1;
			} else if (aStart === i && bStart === j) {
				aStart--;
				bStart--;
			} else emit = true;
			// A range that reached the start of either string is complete.
			if (aStart === 0 || bStart === 0) emit = true;
			i--;
			j--;
		} else {
			if (t[(i - 1) * w + j]! > t[i * w + j - 1]!) i--;
			else j--;
			if (aStart !== -1) emit = true;
		}
		if (emit) {
			const matchLen = aEnd - aStart + 1;
			if (opts.idx && (opts.minMatchLen === 0 || matchLen >= opts.minMatchLen)) {
				const range: Reply[] = [
					array([integer(aStart), integer(aEnd)]),
					array([integer(bStart), integer(bEnd)]),
				];
				if (opts.withMatchLen) range.push(integer(matchLen));
				matches.push(array(range));
			}
			aStart = -1;
		}
	}
	if (!opts.idx) return bulk(chars.reverse().join(''));
	return array([bulk('matches'), array(matches), bulk('len'), integer(total)], 'map');
}

export const lcsCommands: readonly CommandSpec[] = [
	{
		name: 'LCS',
		arity: -3,
		flags: ['readonly'],
		group: 'string',
		summary: 'Returns the longest common subsequence of two strings, its length or its ranges.',
		syntax: 'key1 key2 [LEN] [IDX] [MINMATCHLEN len] [WITHMATCHLEN]',
		since: '7.0.0',
		keys: [1, 2, 1],
		run: lcsCommand,
	},
];
