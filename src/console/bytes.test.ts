import { describe, expect, it } from 'vitest';
import { binaryToUtf8, isBinary, utf8ToBinary } from './bytes.ts';

describe('bytes', () => {
	it('encodes text as UTF-8 bytes, one char per byte', () => {
		expect(utf8ToBinary('café')).toBe('caf\xC3\xA9');
		expect(utf8ToBinary('😀')).toBe('\xF0\x9F\x98\x80');
		expect(utf8ToBinary('')).toBe('');
		expect(utf8ToBinary('x'.repeat(20000))).toHaveLength(20000);
	});

	it('decodes back, losslessly for valid UTF-8', () => {
		for (const s of ['café', '😀 ok', 'plain', '\u0000\u007f']) {
			expect(binaryToUtf8(utf8ToBinary(s))).toBe(s);
		}
	});

	it('replaces invalid bytes with U+FFFD', () => {
		expect(binaryToUtf8('a\xFFb')).toBe('a\uFFFDb');
		expect(binaryToUtf8('caf\xC3')).toBe('caf\uFFFD');
	});

	it('tells binary strings apart', () => {
		expect(isBinary('caf\xC3\xA9')).toBe(true);
		expect(isBinary('café\u0100')).toBe(false);
	});
});
