import { describe, expect, it } from 'vitest';
import { PROTO_INLINE_MAX_SIZE, QueryBuffer, type Request } from './query-buffer.ts';

/** Feeds `input` (a binary string) in one piece or in `chunk`-byte pieces; returns every request. */
function parse(input: string, chunk = input.length || 1): Request[] {
	const q = new QueryBuffer();
	const out: Request[] = [];
	for (let i = 0; i < input.length; i += chunk) {
		q.append(Buffer.from(input.slice(i, i + chunk), 'latin1'));
		for (let r = q.next(); r !== null; r = q.next()) out.push(r);
	}
	return out;
}

const cmd = (...argv: string[]) => ({ argv });
const protoErr = (m: string) => ({ error: `Protocol error: ${m}` });

describe('QueryBuffer (processInputBuffer)', () => {
	it('reads multibulk, inline and pipelined commands, in any chunking', () => {
		const input = '*2\r\n$3\r\nGET\r\n$1\r\na\r\nSET k "v w"\r\nPING\n*1\r\n$4\r\nPING\r\n';
		const want = [cmd('GET', 'a'), cmd('SET', 'k', 'v w'), cmd('PING'), cmd('PING')];
		for (const chunk of [input.length, 1, 2, 3, 7]) expect(parse(input, chunk)).toEqual(want);
	});

	it('keeps binary bytes and skips the two bytes after a bulk, whatever they are', () => {
		expect(parse('*2\r\n$4\r\nECHO\r\n$3\r\n\x00\xff\r\r\n')).toEqual([cmd('ECHO', '\x00\xff\r')]);
		expect(parse('*1\r\n$4\r\nPINGxx')).toEqual([cmd('PING')]);
	});

	it('ignores empty lines, *0 and negative counts', () => {
		expect(parse('\r\n\n*0\r\n*-1\r\n  \r\nPING\r\n')).toEqual([cmd('PING')]);
	});

	it('waits for a command that is not complete yet', () => {
		expect(parse('*2\r\n$3\r\nGET\r\n$1\r\n')).toEqual([]);
		expect(parse('*1\r\n$536870912\r\n')).toEqual([]);
		expect(parse('*2000000\r\n')).toEqual([]);
		expect(parse('PING')).toEqual([]);
	});

	it("answers Redis 7.0's exact protocol errors and stops reading", () => {
		const cases: [string, string][] = [
			['*3000000000\r\n', 'invalid multibulk length'],
			['*01\r\n', 'invalid multibulk length'],
			['*+1\r\n', 'invalid multibulk length'],
			['*1x\r\n', 'invalid multibulk length'],
			['*1\n$4\r\nPING\r\n', 'invalid multibulk length'],
			['*-9999999999999999999\r\n', 'invalid multibulk length'],
			['*1\r\n$-2\r\n', 'invalid bulk length'],
			['*1\r\n$+4\r\n', 'invalid bulk length'],
			['*1\r\n$ 4\r\n', 'invalid bulk length'],
			['*1\r\n$536870913\r\n', 'invalid bulk length'],
			['*1\r\n+PING\r\n', "expected '$', got '+'"],
			['*1\r\n\r\n', "expected '$', got ' '"],
			['PING "a\r\n', 'unbalanced quotes in request'],
			['ping "a"b\r\n', 'unbalanced quotes in request'],
		];
		for (const [input, message] of cases) expect(parse(input), input).toEqual([protoErr(message)]);
		expect(parse('PING\r\n*1\r\nx\r\nPING\r\n')).toEqual([
			cmd('PING'),
			protoErr("expected '$', got 'x'"),
		]);
	});

	it('refuses over-long inline lines and count strings once past 64 KB', () => {
		const long = 'x'.repeat(PROTO_INLINE_MAX_SIZE + 1);
		expect(parse('GET ' + long, 4096)).toEqual([protoErr('too big inline request')]);
		expect(parse('*' + long, 4096)).toEqual([protoErr('too big mbulk count string')]);
		expect(parse('*1\r\n$' + long, 4096)).toEqual([protoErr('too big bulk count string')]);
		// strchr stops at a NUL byte, so a line holding one waits until it is too big.
		expect(parse('PING\x00\r\n')).toEqual([]);
	});

	it('reads a large argument arriving in many chunks and counts its bytes', () => {
		const value = 'v'.repeat(300_000);
		const q = new QueryBuffer();
		const input = Buffer.from(`*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$${value.length}\r\n${value}\r\n`);
		q.append(input.subarray(0, 100_000));
		expect(q.next()).toBeNull();
		expect(q.bytes).toBeGreaterThan(90_000);
		q.append(input.subarray(100_000));
		expect(q.next()).toEqual(cmd('SET', 'k', value));
		expect(q.next()).toBeNull();
		expect(q.bytes).toBe(0);
	});
});
