import { describe, expect, it } from 'vitest';
import { explainSplitError, scanArgs, splitArgs, suggestQuoting } from './tokenize.ts';

const SEED_DQ = 'SET user:456:profile "{"name": "Alice", "role": "admin"}"';
const SEED_SQ = `SET user:456:profile '{"name": "Alice", "role": "admin"}'`;
const SEED_SETEX = 'SETEX user:456:profile 300 "{"name": "Alice", "role": "admin"}"';

describe('splitArgs', () => {
	it('splits on whitespace and skips runs of it', () => {
		expect(splitArgs('  SET   k\tv  ')).toEqual(['SET', 'k', 'v']);
		expect(splitArgs('')).toEqual([]);
		expect(splitArgs(' \t ')).toEqual([]);
	});

	it('rejects the seed line and accepts its single-quoted form (34 bytes)', () => {
		expect(splitArgs(SEED_DQ)).toBeNull();
		expect(splitArgs(SEED_SETEX)).toBeNull();
		const args = splitArgs(SEED_SQ);
		expect(args).toEqual(['SET', 'user:456:profile', '{"name": "Alice", "role": "admin"}']);
		expect(args?.[2]).toHaveLength(34);
		expect(splitArgs('SET k "{\\"name\\": \\"Alice\\", \\"role\\": \\"admin\\"}"')?.[2]).toBe(
			args?.[2],
		);
	});

	it('lets a quote start anywhere in a token', () => {
		expect(splitArgs('ab"cd ef"')).toEqual(['abcd ef']);
		expect(splitArgs("x'y z'")).toEqual(['xy z']);
	});

	it('handles double-quote escapes', () => {
		expect(splitArgs('"a\\nb\\r\\t\\b\\a"')).toEqual(['a\nb\r\t\b\x07']);
		expect(splitArgs('"\\x41\\xff\\x4" "\\xZZ" "\\"\\\\\\q"')).toEqual(['A\xffx4', 'xZZ', '"\\q']);
		expect(splitArgs('"\\x4g"')).toEqual(['x4g']);
	});

	it("treats single-quoted text literally except \\'", () => {
		expect(splitArgs("'a\\nb'")?.[0]).toHaveLength(4);
		expect(splitArgs("'it\\'s'")).toEqual(["it's"]);
		expect(splitArgs("'a\\\\b'")).toEqual(['a\\\\b']);
	});

	it('needs whitespace or end of line after a closing quote', () => {
		expect(splitArgs('"a"b')).toBeNull();
		expect(splitArgs("'a'b")).toBeNull();
		expect(splitArgs('"a""b"')).toBeNull();
		expect(splitArgs('"a"\tb')).toEqual(['a', 'b']);
		expect(splitArgs('"a"\vb')).toEqual(['a', 'b']);
	});

	it('rejects unterminated quotes, even after a trailing backslash', () => {
		expect(splitArgs('"abc')).toBeNull();
		expect(splitArgs("'abc")).toBeNull();
		expect(splitArgs('"abc\\"')).toBeNull();
	});

	it('returns UTF-8 bytes as binary strings', () => {
		expect(splitArgs('SET k café')).toEqual(['SET', 'k', 'caf\xC3\xA9']);
		expect(splitArgs('"é\\x00"')).toEqual(['\xC3\xA9\x00']);
	});

	it('keeps \\v and \\f inside a bare token but skips them between tokens', () => {
		expect(splitArgs('a\vb')).toEqual(['a\vb']);
		expect(splitArgs('\va b')).toEqual(['a', 'b']);
	});

	it('reports where it failed', () => {
		const r = scanArgs(SEED_DQ);
		expect(r).toMatchObject({ ok: false, kind: 'closing-quote', tokenStart: 21, quoteStart: 21 });
		expect(scanArgs('SET k "ab')).toMatchObject({ kind: 'unterminated', at: 9 });
	});
});

describe('suggestQuoting', () => {
	it('single-quotes the trailing value of the seed lines', () => {
		expect(suggestQuoting(SEED_DQ)).toBe(SEED_SQ);
		expect(suggestQuoting(SEED_SETEX)).toBe(
			`SETEX user:456:profile 300 '{"name": "Alice", "role": "admin"}'`,
		);
	});

	it('escapes double quotes when the value holds a single quote', () => {
		const fixed = suggestQuoting(`SET k "it's "x""`);
		expect(fixed).toBe(`SET k "it's \\"x\\""`);
		expect(splitArgs(fixed ?? '')).toEqual(['SET', 'k', `it's "x"`]);
	});

	it('quotes an unterminated value and leaves good lines alone', () => {
		expect(suggestQuoting('SET k "hello world')).toBe(`SET k '"hello world'`);
		expect(suggestQuoting('SET k v')).toBeNull();
	});
});

describe('explainSplitError', () => {
	it('explains the closing-quote rule in one sentence', () => {
		const text = explainSplitError(SEED_DQ) ?? '';
		expect(text).toContain('"{"');
		expect(text).toContain('name":,');
		expect(text.split('. ')).toHaveLength(1);
	});

	it('explains an unterminated quote, and is null for good lines', () => {
		expect(explainSplitError("SET k 'abc")).toContain('never closed');
		expect(explainSplitError('GET k')).toBeNull();
	});
});
