// Mirrors src/lzf_c.c (lzf_compress) as src/lzfP.h configures it for Redis: HLOG 16 (a 65,536-slot
// hash table), VERY_FAST on, ULTRA_FAST off. What quicklist.c keeps of a compressed node is only the
// output's length, but that length depends on every choice the compressor makes (which earlier
// position a hash slot remembers, how far a match runs, which positions are re-hashed after one),
// so the algorithm is followed step for step. The output format:
//   000LLLLL + L+1 bytes          a run of literal bytes (1-32)
//   LLLooooo oooooooo             a back-reference of L+2 bytes (L 1-6), o+1 bytes back
//   111ooooo LLLLLLLL oooooooo    a back-reference of L+9 bytes

const HLOG = 16;
const HSIZE = 1 << HLOG;
/** Longest literal run, farthest and longest back-reference. */
const MAX_LIT = 1 << 5;
const MAX_OFF = 1 << 13;
const MAX_REF = (1 << 8) + (1 << 3);

/**
 * The hash table: for each slot the last input position hashed there, stored as `stamp + position`.
 * Entries below the current call's stamp are from earlier calls and read as "nothing here", as an
 * entry before the input's start reads in lzf_compress; moving the stamp past the previous input
 * saves clearing 256 kb on every call. Allocated on first use: most lists never compress.
 */
let table: Int32Array | null = null;
let stamp = 0;
/** Past this the stamps could overflow: the table is cleared and they start again. */
const STAMP_LIMIT = 2 ** 30;

/** IDX of lzfP.h's VERY_FAST variant: a multiplicative hash of the three bytes in `h`. */
const slotOf = (h: number) => ((h >>> (3 * 8 - HLOG)) - h * 5) & (HSIZE - 1);

/**
 * lzf_compress of `input` into `out` (whose length is out_len): the compressed length, or 0 when it
 * would not fit (then `out` holds garbage). Redis gives it out_len = the input's length for a
 * quicklist node, so 0 also means "incompressible".
 */
export function lzfCompress(input: Uint8Array, out: Uint8Array): number {
	const inLen = input.length;
	const outLen = out.length;
	if (inLen === 0 || outLen === 0) return 0;
	const htab = (table ??= new Int32Array(HSIZE));
	if (stamp + inLen >= STAMP_LIMIT) {
		htab.fill(0);
		stamp = 0;
	}
	const base = stamp + 1;
	stamp = base + inLen;

	let ip = 0;
	// op is where the next byte goes; a literal run's length byte sits at op - lit - 1 and is
	// written when the run ends (it is reserved by the op++ that starts the run).
	let op = 1;
	let lit = 0;
	let hval = ((input[0]! << 8) | (input[1] ?? 0)) & 0xffffff;
	while (ip < inLen - 2) {
		hval = ((hval << 8) | input[ip + 2]!) & 0xffffff;
		const slot = slotOf(hval);
		const ref = htab[slot]! - base;
		htab[slot] = base + ip;
		const off = ip - ref - 1;
		// ref > 0: the input's first byte is never referred to (lzf_compress tests ref > in_data).
		if (
			ref > 0 &&
			off < MAX_OFF &&
			input[ref] === input[ip] &&
			input[ref + 1] === input[ip + 1] &&
			input[ref + 2] === input[ip + 2]
		) {
			let len = 2;
			const maxlen = Math.min(inLen - ip - len, MAX_REF);
			// End the literal run, or take back its reserved byte if it is empty.
			if (lit === 0) op--;
			else out[op - lit - 1] = lit - 1;
			if (op + 3 + 1 >= outLen) return 0;
			// Past 16 bytes of room, lzf_c.c compares 16 bytes before it tests the limit again,
			// so a match can run up to two bytes past maxlen (never past the input's end).
			len = extendMatch(input, ref, ip, len, maxlen);
			len -= 2;
			ip++;
			if (len < 7) out[op++] = (off >> 8) + (len << 5);
			else {
				out[op++] = (off >> 8) + (7 << 5);
				out[op++] = len - 7;
			}
			out[op++] = off & 0xff;
			lit = 0;
			op++;
			ip += len + 1;
			if (ip >= inLen - 2) break;
			// VERY_FAST: hash only the match's last two positions, then carry on after it.
			ip -= 2;
			hval = ((input[ip]! << 8) | input[ip + 1]!) & 0xffffff;
			for (let k = 0; k < 2; k++, ip++) {
				hval = ((hval << 8) | input[ip + 2]!) & 0xffffff;
				htab[slotOf(hval)] = base + ip;
			}
		} else {
			if (op >= outLen) return 0;
			lit++;
			out[op++] = input[ip++]!;
			if (lit === MAX_LIT) {
				out[op - lit - 1] = lit - 1;
				lit = 0;
				op++;
			}
		}
	}
	// At most three bytes can follow: two literals and a run's length byte.
	if (op + 3 > outLen) return 0;
	while (ip < inLen) {
		lit++;
		out[op++] = input[ip++]!;
		if (lit === MAX_LIT) {
			out[op - lit - 1] = lit - 1;
			lit = 0;
			op++;
		}
	}
	if (lit === 0) op--;
	else out[op - lit - 1] = lit - 1;
	return op;
}

/** How many bytes from `ip` equal those from `ref`, given `len` already do (see the caller). */
function extendMatch(input: Uint8Array, ref: number, ip: number, len: number, maxlen: number) {
	if (maxlen > 16) {
		for (let k = 0; k < 16; k++) {
			len++;
			if (input[ref + len] !== input[ip + len]) return len;
		}
	}
	do len++;
	while (len < maxlen && input[ref + len] === input[ip + len]);
	return len;
}

/** Scratch output for lzfCompressedLength, grown to the largest limit asked for. */
let scratch = new Uint8Array(0);

/** The length lzf_compress(input, out_len = outLimit) returns: 0 when it does not fit. */
export function lzfCompressedLength(input: Uint8Array, outLimit: number): number {
	if (scratch.length < outLimit) scratch = new Uint8Array(Math.max(outLimit, 2 * scratch.length));
	return lzfCompress(input, scratch.subarray(0, outLimit));
}
