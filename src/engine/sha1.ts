// SHA-1 (FIPS 180-4), the hash src/sha1.c gives Redis for DEBUG DIGEST and DIGEST-VALUE (digest.ts).
// Written for the engine rather than taken from a library: it has to be synchronous (a command's
// reply is computed in one call, where crypto.subtle is asynchronous) and free of Node APIs (the
// engine also runs in the browser). It works on 32-bit words held in Int32Array slots, with `| 0`
// keeping every sum a 32-bit integer as the C code's uint32_t arithmetic wraps.

/** The message schedule, reused by every block (the hash is never re-entered). */
const W = new Int32Array(80);
/** The last one or two blocks: the input's tail, the 0x80 marker, zeros and the bit length. */
const TAIL = new Uint8Array(128);

/** One 64-byte block of `bytes` starting at `at`, folded into the state `h`. */
function compress(h: Int32Array, bytes: Uint8Array, at: number): void {
	for (let i = 0; i < 16; i++) {
		const j = at + i * 4;
		W[i] = (bytes[j]! << 24) | (bytes[j + 1]! << 16) | (bytes[j + 2]! << 8) | bytes[j + 3]!;
	}
	for (let i = 16; i < 80; i++) {
		const x = W[i - 3]! ^ W[i - 8]! ^ W[i - 14]! ^ W[i - 16]!;
		W[i] = (x << 1) | (x >>> 31);
	}
	let a = h[0]!;
	let b = h[1]!;
	let c = h[2]!;
	let d = h[3]!;
	let e = h[4]!;
	for (let i = 0; i < 80; i++) {
		let f: number;
		let k: number;
		if (i < 20) {
			f = (b & c) | (~b & d);
			k = 0x5a827999;
		} else if (i < 40) {
			f = b ^ c ^ d;
			k = 0x6ed9eba1;
		} else if (i < 60) {
			f = (b & c) | (b & d) | (c & d);
			k = 0x8f1bbcdc | 0;
		} else {
			f = b ^ c ^ d;
			k = 0xca62c1d6 | 0;
		}
		const t = (((a << 5) | (a >>> 27)) + f + e + k + W[i]!) | 0;
		e = d;
		d = c;
		c = (b << 30) | (b >>> 2);
		b = a;
		a = t;
	}
	h[0] = (h[0]! + a) | 0;
	h[1] = (h[1]! + b) | 0;
	h[2] = (h[2]! + c) | 0;
	h[3] = (h[3]! + d) | 0;
	h[4] = (h[4]! + e) | 0;
}

/** The 20-byte SHA-1 of `data`. */
export function sha1(data: Uint8Array): Uint8Array {
	const h = Int32Array.of(0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476, 0xc3d2e1f0 | 0);
	const n = data.length;
	const whole = n - (n % 64);
	for (let at = 0; at < whole; at += 64) compress(h, data, at);

	// Padding: the rest of the input, a 1 bit, zeros up to 8 bytes short of a block boundary, then
	// the length in bits as a big-endian 64-bit number (split in two: it can pass 2^32).
	const rest = n - whole;
	TAIL.fill(0);
	TAIL.set(data.subarray(whole), 0);
	TAIL[rest] = 0x80;
	const end = rest < 56 ? 64 : 128;
	const high = Math.floor(n / 0x20000000);
	const low = (n * 8) >>> 0;
	for (let i = 0; i < 4; i++) {
		TAIL[end - 8 + i] = (high >>> (24 - 8 * i)) & 0xff;
		TAIL[end - 4 + i] = (low >>> (24 - 8 * i)) & 0xff;
	}
	compress(h, TAIL, 0);
	if (end === 128) compress(h, TAIL, 64);

	const out = new Uint8Array(20);
	for (let i = 0; i < 5; i++) {
		const v = h[i]!;
		out[i * 4] = v >>> 24;
		out[i * 4 + 1] = (v >>> 16) & 0xff;
		out[i * 4 + 2] = (v >>> 8) & 0xff;
		out[i * 4 + 3] = v & 0xff;
	}
	return out;
}
