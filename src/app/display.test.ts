import { describe, expect, it } from 'vitest';
import { showBytes } from './display.ts';

describe('showBytes', () => {
	it('decodes UTF-8 bytes to text', () => {
		expect(showBytes('caf\xC3\xA9')).toBe('café');
	});

	it('escapes control bytes as redis-cli quotes them', () => {
		expect(showBytes('value:7\x00\x00')).toBe('value:7\\x00\\x00');
		expect(showBytes('a\nb\r\tc\x07\x08\x7f\x1b')).toBe('a\\nb\\r\\tc\\a\\b\\x7f\\x1b');
	});

	it('leaves printable text alone', () => {
		expect(showBytes('{"name": "Ada"}')).toBe('{"name": "Ada"}');
	});
});
