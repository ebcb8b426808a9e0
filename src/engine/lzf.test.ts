import { describe, expect, it } from 'vitest';
import { lzfCompress, lzfCompressedLength } from './lzf.ts';
import { Random } from './random.ts';

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** lzf_compress into an out_len-byte buffer: the output, or null when it returns 0. */
function compress(input: Uint8Array, outLen: number): string | null {
	const out = new Uint8Array(outLen);
	const n = lzfCompress(input, out);
	return n === 0 ? null : hex(out.subarray(0, n));
}

/** lzf_decompress, to check that what is written is a valid stream for the input. */
function decompress(data: Uint8Array): Uint8Array {
	const out: number[] = [];
	for (let ip = 0; ip < data.length;) {
		const ctrl = data[ip++]!;
		if (ctrl < 32) {
			for (let k = 0; k <= ctrl; k++) out.push(data[ip++]!);
			continue;
		}
		let len = ctrl >> 5;
		if (len === 7) len += data[ip++]!;
		let ref = out.length - ((ctrl & 0x1f) << 8) - data[ip++]! - 1;
		for (let k = 0; k < len + 2; k++) out.push(out[ref++]!);
	}
	return Uint8Array.from(out);
}

describe('lzf_compress', () => {
	it('writes what 7.0.15 writes (DUMP of strings, which rdbcompression gives len - 4 of room)', () => {
		const measured: [string, string][] = [
			['a'.repeat(100), '016161e05700016161'],
			['a'.repeat(287), '016161e0ff00e00a00016161'],
			['hello hello hello hello hello world', '0668656c6c6f2068e00e0504776f726c64'],
			['abcabcabcabcabcabcabcabcabcabcabcabcab', '0361626361e01702016162'],
			[
				'the quick brown fox jumps over the lazy dog; the quick brown fox jumps over the lazy dog',
				'1f74686520717569636b2062726f776e20666f78206a756d7073206f7665722074' +
					'201e086c617a7920646f673b600de01c2c016f67',
			],
		];
		for (const [input, output] of measured) {
			expect(compress(bytes(input), input.length - 4)).toBe(output);
		}
	});

	it('returns 0 when the output would not fit, and the same bytes whenever it does', () => {
		const input = bytes('a'.repeat(100));
		// Nine bytes are needed; the match is refused unless four bytes stay free after it.
		expect(compress(input, 9)).toBeNull();
		expect(compress(input, 10)).toBe('016161e05700016161');
		expect(lzfCompressedLength(input, 10)).toBe(9);
		expect(lzfCompressedLength(input, 8)).toBe(0);
		// Random bytes do not shrink: a listpack-sized limit reports them incompressible.
		const rng = new Random(5);
		const noise = Uint8Array.from({ length: 200 }, () => rng.int(256));
		expect(lzfCompressedLength(noise, noise.length)).toBe(0);
		expect(lzfCompressedLength(new Uint8Array(0), 10)).toBe(0);
	});

	it('never refers back to the first byte (lzf_compress wants ref > in_data)', () => {
		// The second "xyz" could copy the first: it is a literal, and the match starts one byte on
		// (measured: DUMP of this string on 7.0.15).
		expect(compress(bytes('xyzxyzxyzxyzxyzxyzxyzxyz'), 20)).toBe('0378797a78e00a02007a');
	});

	it('writes valid streams whatever the input, and forgets earlier calls', () => {
		const rng = new Random(9);
		for (let round = 0; round < 400; round++) {
			const n = 1 + rng.int(rng.int(2) ? 100 : 5000);
			const alphabet = 1 + rng.int(rng.int(2) ? 3 : 256);
			const period = 1 + rng.int(50);
			const input = new Uint8Array(n);
			for (let i = 0; i < n; i++) {
				input[i] = i >= period && rng.int(4) ? input[i - period]! : rng.int(alphabet);
			}
			const out = new Uint8Array(n + 64);
			const len = lzfCompress(input, out);
			expect(len).toBeGreaterThan(0);
			expect(decompress(out.subarray(0, len))).toEqual(input);
			// The same input gives the same output, whatever was compressed in between.
			expect(lzfCompressedLength(input, n + 64)).toBe(len);
		}
	});
});
