// Mirrors the bit commands of src/bitops.c: SETBIT, GETBIT, BITCOUNT, BITPOS and BITOP (BITFIELD
// is in bitfield.ts). A bitmap is a plain string; bit 0 is the top bit of its first byte.
import { countBits, findBit, fromBytes, getBit } from '../bits.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { dbDelete, initialLru, lookupKeyRead, lookupKeyWrite, setKey } from '../keyspace.ts';
import { parseStrictInt64 } from '../object.ts';
import { ERR, ONE, ZERO, error, integer, type Reply } from '../reply.ts';
import { sdsNewLen } from '../sds.ts';
import { rawString } from './append.ts';
import { bitfieldCommands } from './bitfield.ts';
import { BIT_OFFSET_ERR, bitOffset, writeBits } from './bit-lookup.ts';

const BIT_VALUE_ERR = 'ERR bit is not an integer or out of range';

/** SETBIT: offset, then the bit (0 or 1 only), then the write; replies with the bit it replaced. */
function setbitCommand({ server, db, argv }: CommandContext): Reply {
	const offset = bitOffset(argv[2]!);
	if (offset === null) return error(BIT_OFFSET_ERR);
	const on = parseStrictInt64(argv[3]!);
	if (on === null || (on !== 0n && on !== 1n)) return error(BIT_VALUE_ERR);
	const key = argv[1]!;
	const obj = lookupKeyWrite(server, db, key);
	if (obj && obj.type !== 'string') return error(ERR.wrongType);
	const byte = Math.floor(offset / 8);
	const mask = 1 << (7 - (offset % 8));
	let old = 0;
	writeBits(server, db, key, obj, offset, (s, dirty) => {
		const b = s.charCodeAt(byte);
		old = b & mask;
		// Created, grown, or the bit flips: only then is it a change (signalled, counted dirty).
		if (!dirty && (old !== 0) === (on === 1n)) return { value: s, modified: false };
		const next = on === 1n ? b | mask : b & ~mask;
		return {
			value: s.slice(0, byte) + String.fromCharCode(next) + s.slice(byte + 1),
			modified: true,
		};
	});
	return old ? ONE : ZERO;
}

function getbitCommand({ server, db, argv }: CommandContext): Reply {
	const offset = bitOffset(argv[2]!);
	if (offset === null) return error(BIT_OFFSET_ERR);
	const obj = lookupKeyRead(server, db, argv[1]!);
	if (!obj) return ZERO;
	if (obj.type !== 'string') return error(ERR.wrongType);
	return getBit(obj.value, offset) ? ONE : ZERO;
}

/** BYTE or BIT, case-insensitive; null for anything else. */
function unitIsBit(arg: string): boolean | null {
	const u = arg.toLowerCase();
	return u === 'bit' ? true : u === 'byte' ? false : null;
}

/** A range index counted from the end when negative, at least 0; only an end is capped. */
function rangeIndex(index: bigint, total: number, isEnd: boolean): number {
	let i = index < 0n ? index + BigInt(total) : index;
	if (i < 0n) i = 0n;
	// A start past the end stays past it (an empty range); 2^40 is beyond any string's bits.
	if (isEnd) return i >= BigInt(total) ? total - 1 : Number(i);
	return i > 2n ** 40n ? 2 ** 40 : Number(i);
}

/**
 * BITCOUNT: the key first (missing → 0 whatever the arguments), then start and end; two negative
 * indexes in the wrong order count nothing, before the unit is even looked at. Byte ranges cover
 * whole bytes.
 */
function bitcountCommand({ server, db, argv }: CommandContext): Reply {
	const obj = lookupKeyRead(server, db, argv[1]!);
	if (!obj) return ZERO;
	if (obj.type !== 'string') return error(ERR.wrongType);
	const s = obj.value;
	if (argv.length === 2) return integer(countBits(s, 0, s.length * 8 - 1));
	if (argv.length !== 4 && argv.length !== 5) return error(ERR.syntax);
	const startArg = parseStrictInt64(argv[2]!);
	if (startArg === null) return error(ERR.notInteger);
	const endArg = parseStrictInt64(argv[3]!);
	if (endArg === null) return error(ERR.notInteger);
	if (startArg < 0n && endArg < 0n && startArg > endArg) return ZERO;
	const isBit = argv.length === 5 ? unitIsBit(argv[4]!) : false;
	if (isBit === null) return error(ERR.syntax);
	const total = isBit ? s.length * 8 : s.length;
	const start = rangeIndex(startArg, total, false);
	const end = rangeIndex(endArg, total, true);
	if (start > end) return ZERO;
	return integer(isBit ? countBits(s, start, end) : countBits(s, start * 8, end * 8 + 7));
}

/**
 * BITPOS: the bit (0 or 1) before the lookup; a missing key is endless zeros. Without an end the
 * string is taken as zero-padded, so looking for 0 in all ones finds the bit just past the range;
 * with an explicit end that is -1.
 */
function bitposCommand({ server, db, argv }: CommandContext): Reply {
	const bitArg = parseStrictInt64(argv[2]!);
	if (bitArg === null) return error(ERR.notInteger);
	if (bitArg !== 0n && bitArg !== 1n) return error('ERR The bit argument must be 1 or 0.');
	const bit = bitArg === 1n ? 1 : 0;
	const obj = lookupKeyRead(server, db, argv[1]!);
	if (!obj) return integer(bit ? -1 : 0);
	if (obj.type !== 'string') return error(ERR.wrongType);
	const s = obj.value;
	let isBit = false;
	let endGiven = false;
	let total = s.length;
	let start = 0;
	let end = s.length - 1;
	if (argv.length >= 4 && argv.length <= 6) {
		const startArg = parseStrictInt64(argv[3]!);
		if (startArg === null) return error(ERR.notInteger);
		if (argv.length === 6) {
			const unit = unitIsBit(argv[5]!);
			if (unit === null) return error(ERR.syntax);
			isBit = unit;
		}
		if (isBit) total = s.length * 8;
		let endArg = BigInt(total - 1);
		if (argv.length >= 5) {
			const parsed = parseStrictInt64(argv[4]!);
			if (parsed === null) return error(ERR.notInteger);
			endArg = parsed;
			endGiven = true;
		}
		start = rangeIndex(startArg, total, false);
		end = rangeIndex(endArg, total, true);
	} else if (argv.length !== 3) return error(ERR.syntax);
	if (start > end) return integer(-1);
	const from = isBit ? start : start * 8;
	const to = isBit ? end : end * 8 + 7;
	const pos = findBit(s, bit, from, to);
	if (pos !== -1 || bit === 1) return integer(pos);
	return integer(endGiven ? -1 : to + 1);
}

const BITOPS: Record<string, (a: number, b: number) => number> = {
	and: (a, b) => a & b,
	or: (a, b) => a | b,
	xor: (a, b) => a ^ b,
};

/**
 * BITOP: missing sources are empty strings and shorter ones are zero-padded. The result is a new
 * raw string (no TTL) as long as the longest source; an empty result deletes the destination.
 */
function bitopCommand({ server, db, argv }: CommandContext): Reply {
	const op = argv[1]!.toLowerCase();
	if (op !== 'not' && !BITOPS[op]) return error(ERR.syntax);
	if (op === 'not' && argv.length !== 4)
		return error('ERR BITOP NOT must be called with a single source key.');
	const sources: string[] = [];
	for (let j = 3; j < argv.length; j++) {
		const obj = lookupKeyRead(server, db, argv[j]!);
		if (obj && obj.type !== 'string') return error(ERR.wrongType);
		sources.push(obj ? obj.value : '');
	}
	const maxlen = Math.max(...sources.map((s) => s.length));
	const target = argv[2]!;
	if (maxlen === 0) {
		dbDelete(server, db, target);
		return ZERO;
	}
	const out = new Uint8Array(maxlen);
	const first = sources[0]!;
	for (let i = 0; i < maxlen; i++) {
		const b = i < first.length ? first.charCodeAt(i) : 0;
		out[i] = op === 'not' ? ~b & 0xff : b;
	}
	const fn = BITOPS[op];
	if (fn)
		for (const s of sources.slice(1))
			for (let i = 0; i < maxlen; i++) out[i] = fn(out[i]!, i < s.length ? s.charCodeAt(i) : 0);
	const value = fromBytes(out);
	// setKey's own write lookup: a destination past its TTL expires first.
	lookupKeyWrite(server, db, target);
	setKey(server, db, target, rawString(value, sdsNewLen(maxlen), initialLru(server)));
	return integer(maxlen);
}

const oneKey = [1, 1, 1] as const;

export const bitmapCommands: readonly CommandSpec[] = [
	{
		name: 'SETBIT',
		arity: 4,
		flags: ['write', 'denyoom'],
		group: 'bitmap',
		summary: 'Sets or clears the bit at an offset of a string; creates or pads it with zero bytes.',
		syntax: 'key offset value',
		since: '2.2.0',
		keys: oneKey,
		run: setbitCommand,
	},
	{
		name: 'GETBIT',
		arity: 3,
		flags: ['readonly', 'fast'],
		group: 'bitmap',
		summary: 'Returns the bit at an offset of a string (0 past its end or for a missing key).',
		syntax: 'key offset',
		since: '2.2.0',
		keys: oneKey,
		run: getbitCommand,
	},
	{
		name: 'BITCOUNT',
		arity: -2,
		flags: ['readonly'],
		group: 'bitmap',
		summary: 'Counts the set bits of a string, optionally within a byte or bit range.',
		syntax: 'key [start end [BYTE|BIT]]',
		since: '2.6.0',
		keys: oneKey,
		run: bitcountCommand,
	},
	{
		name: 'BITPOS',
		arity: -3,
		flags: ['readonly'],
		group: 'bitmap',
		summary: 'Returns the position of the first set or clear bit of a string.',
		syntax: 'key bit [start [end [BYTE|BIT]]]',
		since: '2.8.7',
		keys: oneKey,
		run: bitposCommand,
	},
	{
		name: 'BITOP',
		arity: -4,
		flags: ['write', 'denyoom'],
		group: 'bitmap',
		summary: 'Stores the AND, OR, XOR of strings, or the NOT of one, in a destination key.',
		syntax: 'operation destkey key [key ...]',
		since: '2.6.0',
		keys: [2, -1, 1],
		run: bitopCommand,
	},
	...bitfieldCommands,
];
