// Mirrors the low-level half of src/bitops.c: population count, first set/clear bit, bitfield
// reads and writes (most significant bit first) and the overflow rules of BITFIELD.
// Values are binary strings (one char per byte) or byte arrays; bit 0 is the top bit of byte 0.

/** Set bits in every byte value. */
const POPCOUNT = new Uint8Array(256);
for (let i = 1; i < 256; i++) POPCOUNT[i] = (i & 1) + POPCOUNT[i >> 1]!;

/** A binary string's bytes. */
export function toBytes(s: string, length = s.length): Uint8Array {
	const out = new Uint8Array(length);
	const n = Math.min(s.length, length);
	for (let i = 0; i < n; i++) out[i] = s.charCodeAt(i);
	return out;
}

/** Bytes back to a binary string (in chunks: fromCharCode takes a bounded argument list). */
export function fromBytes(bytes: Uint8Array): string {
	let out = '';
	for (let i = 0; i < bytes.length; i += 8192)
		out += String.fromCharCode(...bytes.subarray(i, i + 8192));
	return out;
}

/** Bits `bitFrom`..`bitTo` (inclusive, 0 = top bit) of byte `b`, the others cleared. */
function maskByte(b: number, bitFrom: number, bitTo: number): number {
	return b & ((0xff >> bitFrom) & (0xff << (7 - bitTo)) & 0xff);
}

/** redisPopcount over bits `from`..`to` inclusive (both within the string). */
export function countBits(s: string, from: number, to: number): number {
	if (from > to) return 0;
	const first = Math.floor(from / 8);
	const last = Math.floor(to / 8);
	if (first === last) return POPCOUNT[maskByte(s.charCodeAt(first), from & 7, to & 7)]!;
	let n = POPCOUNT[maskByte(s.charCodeAt(first), from & 7, 7)]!;
	for (let i = first + 1; i < last; i++) n += POPCOUNT[s.charCodeAt(i)]!;
	return n + POPCOUNT[maskByte(s.charCodeAt(last), 0, to & 7)]!;
}

/** redisBitpos over bits `from`..`to` inclusive: the first bit equal to `bit`, or -1. */
export function findBit(s: string, bit: 0 | 1, from: number, to: number): number {
	const skip = bit === 1 ? 0 : 0xff;
	let i = from;
	while (i <= to) {
		if ((i & 7) === 0 && i + 7 <= to && s.charCodeAt(i >> 3) === skip) {
			i += 8;
			continue;
		}
		if (((s.charCodeAt(i >> 3) >> (7 - (i & 7))) & 1) === bit) return i;
		i++;
	}
	return -1;
}

/** The bit at `offset` of a binary string (0 past its end). */
export function getBit(s: string, offset: number): 0 | 1 {
	const byte = Math.floor(offset / 8);
	if (byte >= s.length) return 0;
	return ((s.charCodeAt(byte) >> (7 - (offset % 8))) & 1) as 0 | 1;
}

/** getUnsignedBitfield: `bits` bits from `offset`, read past the end as zeros. */
export function getUnsignedBitfield(bytes: Uint8Array, offset: number, bits: number): bigint {
	let value = 0n;
	for (let j = 0; j < bits; j++) {
		const pos = offset + j;
		const byte = bytes[Math.floor(pos / 8)] ?? 0;
		value = (value << 1n) | BigInt((byte >> (7 - (pos % 8))) & 1);
	}
	return value;
}

/** getSignedBitfield: the same bits read as two's complement. */
export function getSignedBitfield(bytes: Uint8Array, offset: number, bits: number): bigint {
	return BigInt.asIntN(bits, getUnsignedBitfield(bytes, offset, bits));
}

/** setUnsignedBitfield / setSignedBitfield: the low `bits` bits of `value` at `offset`. */
export function setBitfield(bytes: Uint8Array, offset: number, bits: number, value: bigint): void {
	const v = BigInt.asUintN(bits, value);
	for (let j = 0; j < bits; j++) {
		const pos = offset + j;
		const byte = Math.floor(pos / 8);
		const mask = 1 << (7 - (pos % 8));
		if ((v >> BigInt(bits - 1 - j)) & 1n) bytes[byte]! |= mask;
		else bytes[byte]! &= ~mask;
	}
}

export type Overflow = 'wrap' | 'sat' | 'fail';

/** What an overflow check decided: `value` is the wrapped or saturated result (unset for fail). */
export interface OverflowCheck {
	readonly overflow: boolean;
	readonly value: bigint;
}

const asI64 = (n: bigint) => BigInt.asIntN(64, n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * checkUnsignedBitfieldOverflow: `value` (as uint64) plus `incr` (int64) in `bits` bits. Wrapping
 * keeps the low bits; saturating stops at 0 or the type's maximum.
 */
export function checkUnsigned(
	value: bigint,
	incr: bigint,
	bits: number,
	ow: Overflow,
): OverflowCheck {
	const u = BigInt.asUintN(64, value);
	const max = (1n << BigInt(bits)) - 1n;
	const maxincr = asI64(max - u);
	const minincr = asI64(-u);
	const wrap = () => BigInt.asUintN(64, u + incr) & max;
	if (u > max || (incr > 0n && incr > maxincr))
		return { overflow: true, value: ow === 'wrap' ? wrap() : max };
	if (incr < 0n && incr < minincr) return { overflow: true, value: ow === 'wrap' ? wrap() : 0n };
	return { overflow: false, value: u + incr };
}

/**
 * checkSignedBitfieldOverflow: `value` plus `incr` (both int64) in `bits` bits, two's complement.
 * For i64 the sum itself may leave int64, which is what the extra sign conditions catch.
 */
export function checkSigned(
	value: bigint,
	incr: bigint,
	bits: number,
	ow: Overflow,
): OverflowCheck {
	const max = bits === 64 ? INT64_MAX : (1n << BigInt(bits - 1)) - 1n;
	const min = -max - 1n;
	const maxincr = asI64(max - value);
	const minincr = asI64(min - value);
	const wrap = () => BigInt.asIntN(bits, value + incr);
	if (
		value > max ||
		(bits !== 64 && incr > maxincr) ||
		(value >= 0n && incr > 0n && incr > maxincr)
	)
		return { overflow: true, value: ow === 'wrap' ? wrap() : max };
	if (value < min || (bits !== 64 && incr < minincr) || (value < 0n && incr < 0n && incr < minincr))
		return { overflow: true, value: ow === 'wrap' ? wrap() : min };
	return { overflow: false, value: value + incr };
}
