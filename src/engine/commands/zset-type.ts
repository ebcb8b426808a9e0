// Mirrors the zset plumbing of src/t_zset.c: typed lookups, zsetConvert between listpack and
// skiplist, the range parsers and how a score is replied (zsetAdd itself is in zset-add.ts).
import { dbDelete, initialLru, valueChanged, type Db } from '../keyspace.ts';
import { createZset, type ZsetObject } from '../object.ts';
import type { Reply } from '../reply.ts';
import type { Server } from '../server.ts';
import { readTyped, writeTyped } from './check-type.ts';
import { formatDouble, strtod } from '../strtod.ts';
import {
	lexGteMin,
	lexLteMax,
	lexRangeEmpty,
	type LexRange,
	type ScoreRange,
} from '../zset-order.ts';

export const isReply = (x: object | null): x is Reply =>
	x !== null && 'type' in x && (x as { type: string }).type !== 'zset';

/** lookupKeyRead + checkType: the zset, null when missing, or the WRONGTYPE reply. */
export function readZset(server: Server, db: Db, key: string): ZsetObject | null | Reply {
	return readTyped(server, db, key, 'zset');
}

/** lookupKeyWrite + checkType. */
export function writeZset(server: Server, db: Db, key: string): ZsetObject | null | Reply {
	return writeTyped(server, db, key, 'zset');
}

/** createZsetListpackObject, or createZsetObject when the first member is too long for one. */
export function newZset(server: Server, firstLength: number): ZsetObject {
	const obj = createZset(initialLru(server));
	const { config } = server;
	if (config['zset-max-listpack-entries'] === 0 || firstLength > config['zset-max-listpack-value'])
		convertToSkiplist(obj);
	return obj;
}

/** After removals: the key goes with its last member, else it is re-priced. */
export function afterRemoval(server: Server, db: Db, key: string, obj: ZsetObject): void {
	if (obj.value.size === 0) dbDelete(server, db, key);
	else valueChanged(server, db, key, obj);
}

/** zsetConvert(…, OBJ_ENCODING_SKIPLIST): a fresh dict sized for the members. */
export function convertToSkiplist(obj: ZsetObject): void {
	if (obj.encoding === 'skiplist') return;
	obj.encoding = 'skiplist';
	obj.value.trackListpack(false);
	obj.value.resetDict();
}

export { convertToListpackIfFits, zsetLoaded } from '../zset-convert.ts';

/** addReplyDouble: a bulk in RESP2, a double in RESP3, "%.17g" with inf and -inf spelled out. */
export function scoreReply(score: number): Reply {
	return { type: 'double', value: formatDouble(score) };
}

/** One end of a score range: zslParseRange's strtod, which allows spaces and "" (0). */
function parseScoreBound(raw: string): { value: number; ex: boolean } | null {
	const ex = raw.charCodeAt(0) === 40; /* ( */
	const text = ex ? raw.slice(1) : raw;
	const r = strtod(text);
	if (r.end !== text.length || Number.isNaN(r.value)) return null;
	return { value: r.value, ex };
}

/** zslParseRange: null means "ERR min or max is not a float". */
export function parseScoreRange(min: string, max: string): ScoreRange | null {
	const lo = parseScoreBound(min);
	const hi = parseScoreBound(max);
	if (!lo || !hi) return null;
	return { min: lo.value, max: hi.value, minex: lo.ex, maxex: hi.ex };
}

type LexBound = { value: string; ex: boolean; inf: -1 | 0 | 1 };

/** zslParseLexRangeItem: "-", "+", "(member" or "[member". */
function parseLexBound(raw: string): LexBound | null {
	const c = raw[0];
	if (c === '+' || c === '-') {
		if (raw.length !== 1) return null;
		return { value: '', ex: true, inf: c === '+' ? 1 : -1 };
	}
	if (c === '(' || c === '[') return { value: raw.slice(1), ex: c === '(', inf: 0 };
	return null;
}

/** zslParseLexRange: null means "ERR min or max not valid string range item". */
export function parseLexRange(min: string, max: string): LexRange | null {
	const lo = parseLexBound(min);
	const hi = parseLexBound(max);
	if (!lo || !hi) return null;
	return {
		min: lo.value,
		max: hi.value,
		minex: lo.ex,
		maxex: hi.ex,
		minInf: lo.inf,
		maxInf: hi.inf,
	};
}

/**
 * The ranks [first, last] a lex range covers. Lex ranges assume equal scores; when they are not,
 * the answer is whatever Redis's walk gives, and a listpack's walk is linear and deterministic:
 * zzlFirstInLexRange scans from the head (zzlLastInLexRange from the tail, for a reversed range)
 * and the walk stops at the first member out of range. A skiplist is searched by rank.
 */
export function lexRanks(obj: ZsetObject, r: LexRange, reverse = false): [number, number] {
	if (obj.encoding !== 'listpack') return obj.value.zsl.lexRanks(r);
	const nodes = [...obj.value.nodes()];
	const n = nodes.length;
	const gte = (i: number) => lexGteMin(nodes[i]!.ele, r);
	const lte = (i: number) => lexLteMax(nodes[i]!.ele, r);
	// zzlIsInLexRange: the range is empty, or the tail is below min, or the head above max.
	if (lexRangeEmpty(r) || n === 0 || !gte(n - 1) || !lte(0)) return [0, -1];
	if (reverse) {
		let last = n - 1;
		while (last >= 0 && !lte(last)) last--;
		if (last < 0 || !gte(last)) return [0, -1];
		let first = last;
		while (first > 0 && gte(first - 1)) first--;
		return [first, last];
	}
	let first = 0;
	while (first < n && !gte(first)) first++;
	if (first === n || !lte(first)) return [0, -1];
	let last = first;
	while (last + 1 < n && lte(last + 1)) last++;
	return [first, last];
}

export const MIN_OR_MAX_NOT_FLOAT = 'ERR min or max is not a float';
export const MIN_OR_MAX_NOT_LEX = 'ERR min or max not valid string range item';
