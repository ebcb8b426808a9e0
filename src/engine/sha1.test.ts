import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Random } from './random.ts';
import { sha1 } from './sha1.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const nodeSha1 = (b: Uint8Array) => createHash('sha1').update(b).digest('hex');
const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

function randomBytes(rng: Random, n: number): Uint8Array {
	const out = new Uint8Array(n);
	for (let i = 0; i < n; i++) out[i] = rng.int(256);
	return out;
}

describe('sha1', () => {
	it('gives the FIPS 180 test vectors', () => {
		expect(hex(sha1(ascii('')))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
		expect(hex(sha1(ascii('abc')))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
		expect(hex(sha1(ascii('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe(
			'84983e441c3bd26ebaae4aa1f95129e5e54670f1',
		);
	});

	it('matches node:crypto for every length from 0 to 300 bytes (both padding cases)', () => {
		const rng = new Random(42);
		for (let n = 0; n <= 300; n++) {
			const data = randomBytes(rng, n);
			expect(hex(sha1(data)), `length ${n}`).toBe(nodeSha1(data));
		}
	});

	it('matches node:crypto on all-0xff and all-zero blocks (sign bits, carries)', () => {
		for (const n of [55, 56, 63, 64, 65, 119, 120, 128]) {
			for (const fill of [0, 0xff]) {
				const data = new Uint8Array(n).fill(fill);
				expect(hex(sha1(data))).toBe(nodeSha1(data));
			}
		}
	});

	it('matches node:crypto on a megabyte and on a subarray view', () => {
		const data = randomBytes(new Random(7), 1 << 20);
		expect(hex(sha1(data))).toBe(nodeSha1(data));
		const view = data.subarray(13, 13 + 1000);
		expect(hex(sha1(view))).toBe(nodeSha1(view));
	});

	it('leaves its input alone and is repeatable', () => {
		const data = ascii('hello world');
		const first = hex(sha1(data));
		expect(hex(sha1(data))).toBe(first);
		expect(Array.from(data)).toEqual(Array.from(ascii('hello world')));
	});
});
