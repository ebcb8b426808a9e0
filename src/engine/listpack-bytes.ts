// Mirrors the writing half of src/listpack.c (lpEncodeGetType, lpEncodeString, lpEncodeBacklen and
// the header lpNew sets up): the exact bytes of a listpack holding given elements. quicklist.ts
// only tracks each node's size; the bytes themselves are needed where Redis reads them, which is
// LZF compression of the middle nodes (list-compress-depth): what LZF saves depends on the content.

/** LP_HDR_SIZE: total bytes (32 bits) and element count (16 bits), both little-endian. */
const HEADER = 6;
/** LP_HDR_NUMELE_UNKNOWN: a count that no longer fits is written as this and counted on demand. */
const COUNT_UNKNOWN = 65535;
const EOF = 0xff;

/**
 * The value string2ll/lpStringToInt64 reads out of `s` (canonical decimal that fits 64 bits), or
 * null when the listpack stores `s` as a string. Kept as a bigint only past 2^53.
 */
function asInteger(s: string): number | bigint | null {
	const n = s.length;
	if (n === 0 || n > 20) return null;
	const neg = s.charCodeAt(0) === 45;
	if (neg && n === 1) return null;
	const first = s.charCodeAt(neg ? 1 : 0);
	if (first < 48 || first > 57 || (first === 48 && n > 1)) return null;
	for (let i = neg ? 2 : 1; i < n; i++) {
		const c = s.charCodeAt(i);
		if (c < 48 || c > 57) return null;
	}
	if (n <= 15) return Number(s);
	const v = BigInt(s);
	if (v < -9223372036854775808n || v > 9223372036854775807n) return null;
	return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
}

/**
 * Bytes lpEncodeBacklen writes for an entry of `l` bytes: its length written backwards, 7 bits a
 * byte. List nodes and listpack hashes are sized with it.
 */
export function backlenBytes(l: number): number {
	if (l <= 127) return 1;
	if (l < 16383) return 2;
	if (l < 2097151) return 3;
	if (l < 268435455) return 4;
	return 5;
}

/**
 * Writes the entry's length backwards after it: the last byte has the low 7 bits, and every byte
 * but the first (lowest address) has its top bit set, so lpPrev can read it from the right.
 */
function writeBacklen(out: Uint8Array, at: number, l: number): number {
	const size = backlenBytes(l);
	for (let k = size - 1; k >= 0; k--) {
		out[at + k] = (l & 127) | (k === 0 ? 0 : 128);
		l = Math.floor(l / 128);
	}
	return size;
}

/** Writes `width` little-endian bytes of a two's-complement integer; returns the width. */
function writeLE(out: Uint8Array, at: number, v: number | bigint, width: number): number {
	if (typeof v === 'number' && width <= 4) {
		let u = v < 0 ? v + 2 ** (width * 8) : v;
		for (let k = 0; k < width; k++, u >>>= 8) out[at + k] = u & 0xff;
		return width;
	}
	let u = BigInt.asUintN(width * 8, BigInt(v));
	for (let k = 0; k < width; k++, u >>= 8n) out[at + k] = Number(u & 0xffn);
	return width;
}

/** One entry's encoding (no backlen): its integer form when it has one, else its bytes. */
function writeEntry(out: Uint8Array, at: number, s: string): number {
	const v = asInteger(s);
	if (v !== null) {
		if (typeof v === 'number' && v >= 0 && v <= 127) {
			out[at] = v;
			return 1;
		}
		if (typeof v === 'number' && v >= -4096 && v <= 4095) {
			const u = v < 0 ? v + 8192 : v;
			out[at] = 0xc0 | (u >> 8);
			out[at + 1] = u & 0xff;
			return 2;
		}
		const width =
			typeof v === 'bigint'
				? 8
				: v >= -32768 && v <= 32767
					? 2
					: v >= -8388608 && v <= 8388607
						? 3
						: v >= -2147483648 && v <= 2147483647
							? 4
							: 8;
		out[at] = width === 2 ? 0xf1 : width === 3 ? 0xf2 : width === 4 ? 0xf3 : 0xf4;
		return 1 + writeLE(out, at + 1, v, width);
	}
	const n = s.length;
	let p = at;
	if (n < 64) out[p++] = 0x80 | n;
	else if (n < 4096) {
		out[p++] = 0xe0 | (n >> 8);
		out[p++] = n & 0xff;
	} else {
		out[p++] = 0xf0;
		p += writeLE(out, p, n, 4);
	}
	// Elements are byte strings: one char per byte.
	for (let i = 0; i < n; i++) out[p++] = s.charCodeAt(i) & 0xff;
	return p - at;
}

/** Upper bound of one entry's size: a 5-byte string header, the bytes, a 5-byte backlen. */
const entryBound = (s: string) => s.length + 10;

/** The listpack lpNew + lpAppend of every element would build, byte for byte. */
export function listpackBytes(items: readonly string[]): Uint8Array {
	let bound = HEADER + 1;
	for (const s of items) bound += entryBound(s);
	const out = new Uint8Array(bound);
	let p = HEADER;
	for (const s of items) {
		const len = writeEntry(out, p, s);
		p += len;
		p += writeBacklen(out, p, len);
	}
	out[p++] = EOF;
	writeLE(out, 0, p, 4);
	writeLE(out, 4, Math.min(items.length, COUNT_UNKNOWN), 2);
	return out.subarray(0, p);
}
