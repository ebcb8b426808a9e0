// Mirrors the "arguments" of COMMAND DOCS (src/commands/*.json → addReplyCommandArgList), derived
// from a spec's redis-cli style syntax: `key [EX seconds|PX milliseconds] [NX|XX] field [field ...]`,
// with `<a | b>` for a required choice and `TOKEN <…>` for a token that introduces one.
// Names of blocks and one-of groups are ours (the JSON names them; the syntax line does not).
import { array, bulk, integer, status, type Reply } from '../reply.ts';

export interface DocArg {
	name: string;
	type: 'key' | 'string' | 'integer' | 'double' | 'pure-token' | 'block' | 'oneof';
	token?: string;
	keySpecIndex?: number;
	flags: ('optional' | 'multiple')[];
	arguments?: DocArg[];
}

const KEY_NAMES = new Set(['key', 'newkey', 'source', 'destination', 'destkey', 'key1', 'key2']);
const INTEGER_NAMES = new Set([
	...['seconds', 'milliseconds', 'unix-time-seconds', 'unix-time-milliseconds', 'count'],
	...['offset', 'start', 'end', 'index', 'cursor', 'db', 'numkeys', 'decrement', 'number'],
	...['increment', 'samples', 'len', 'minmatchlen', 'bit', 'limit'],
]);

function typeOf(name: string, isFloat: boolean): DocArg['type'] {
	if (KEY_NAMES.has(name)) return 'key';
	if (name === 'score' || (name === 'increment' && isFloat)) return 'double';
	return INTEGER_NAMES.has(name) ? 'integer' : 'string';
}

const isToken = (w: string) => /[A-Z]/.test(w) && w === w.toUpperCase();

/** Parses a syntax line into COMMAND DOCS arguments; `command` tells INCRBYFLOAT's double apart. */
export function argumentsFromSyntax(syntax: string, command: string): DocArg[] {
	const tokens = syntax.match(/\.\.\.|[[\]<>|]|[^\s[\]<>|]+/g) ?? [];
	let pos = 0;
	let keyIndex = 0;
	const isFloat = /FLOAT/i.test(command);

	const parseAlternatives = (): DocArg[][] => {
		const alts: DocArg[][] = [parseSeq()];
		while (tokens[pos] === '|') {
			pos++;
			alts.push(parseSeq());
		}
		return alts;
	};
	const parseSeq = (): DocArg[] => {
		const seq: DocArg[] = [];
		while (pos < tokens.length && !/^[\]>|]$/.test(tokens[pos]!)) {
			const t = tokens[pos++]!;
			if (t === '...') {
				const last = seq[seq.length - 1];
				if (last && !last.flags.includes('multiple')) last.flags.push('multiple');
			} else if (t === '[') {
				const alts = parseAlternatives();
				if (tokens[pos] === ']') pos++;
				const arg = group(alts);
				if (!mergeRepeat(seq, alts)) seq.push({ ...arg, flags: ['optional', ...arg.flags] });
			} else if (t === '<') {
				const alts = parseAlternatives();
				if (tokens[pos] === '>') pos++;
				seq.push(group(alts));
			} else if (isToken(t) && tokens[pos] === '<') {
				// `FILTERBY <MODULE name | …>`: the token introduces the group that follows.
				pos++;
				const alts = parseAlternatives();
				if (tokens[pos] === '>') pos++;
				seq.push({ ...group(alts), name: t.toLowerCase(), token: t });
			} else if (isToken(t) && tokens[pos] && /^[a-z]/.test(tokens[pos]!)) {
				seq.push(word(tokens[pos++]!, t));
			} else if (isToken(t)) {
				seq.push({ name: t.toLowerCase(), type: 'pure-token', token: t, flags: [] });
			} else seq.push(word(t));
		}
		return seq;
	};
	const word = (name: string, token?: string): DocArg => {
		const type = typeOf(name, isFloat);
		const arg: DocArg = { name, type, flags: [] };
		if (type === 'key') arg.keySpecIndex = keyIndex++;
		if (token) arg.token = token;
		return arg;
	};
	return group(parseAlternatives(), true).arguments ?? [];
}

/** One alternative of one item is that item; several items are a block; several alternatives a oneof. */
function group(alts: DocArg[][], top = false): DocArg {
	if (top && alts.length === 1) return { name: '', type: 'block', flags: [], arguments: alts[0]! };
	const one = (seq: DocArg[]): DocArg =>
		seq.length === 1
			? seq[0]!
			: { name: seq.map((a) => a.name).join('_'), type: 'block', flags: [], arguments: seq };
	if (alts.length === 1) return one(alts[0]!);
	return { name: 'option', type: 'oneof', flags: [], arguments: alts.map(one) };
}

/** `field value [field value ...]`: the bracket repeats the items before it, which become multiple. */
function mergeRepeat(seq: DocArg[], alts: DocArg[][]): boolean {
	if (alts.length !== 1) return false;
	const inner = alts[0]!;
	const last = inner[inner.length - 1];
	if (!last?.flags.includes('multiple')) return false;
	const k = inner.length;
	if (k > seq.length) return false;
	const before = seq.slice(seq.length - k);
	const strip = (a: DocArg) => JSON.stringify({ ...a, keySpecIndex: 0, flags: [] });
	if (!before.every((a, i) => strip(a) === strip(inner[i]!))) return false;
	seq.splice(seq.length - k, k, { ...group([before]), flags: ['multiple'] });
	if (k === 1) seq[seq.length - 1] = { ...before[0]!, flags: ['multiple'] };
	return true;
}

/** The RESP shape COMMAND DOCS gives one argument. */
export function argReply(arg: DocArg): Reply {
	const out: Reply[] = [bulk('name'), bulk(arg.name), bulk('type'), bulk(arg.type)];
	if (arg.keySpecIndex !== undefined) out.push(bulk('key_spec_index'), integer(arg.keySpecIndex));
	if (arg.token !== undefined) out.push(bulk('token'), bulk(arg.token));
	if (arg.flags.length > 0) out.push(bulk('flags'), array(arg.flags.map(status), 'set'));
	if (arg.arguments) out.push(bulk('arguments'), array(arg.arguments.map(argReply)));
	return array(out, 'map');
}
