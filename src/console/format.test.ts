import { describe, expect, it } from 'vitest';
import type { Reply } from '../engine/index.ts';
import { formatRaw, formatReply, isRawOutputCommand, repr } from './format.ts';

const b = (value: string | null): Reply => ({ type: 'bulk', value });
const i = (value: number | bigint): Reply => ({ type: 'integer', value });
const arr = (value: readonly Reply[] | null, resp3?: 'map' | 'set'): Reply =>
	resp3 ? { type: 'array', value, resp3 } : { type: 'array', value };

describe('formatReply (TTY)', () => {
	it('prints scalars as redis-cli does', () => {
		expect(formatReply({ type: 'status', value: 'OK' })).toBe('OK\n');
		expect(formatReply({ type: 'error', value: 'ERR syntax error' })).toBe(
			'(error) ERR syntax error\n',
		);
		expect(formatReply(i(294))).toBe('(integer) 294\n');
		expect(formatReply(i(-9007199254740993n))).toBe('(integer) -9007199254740993\n');
		expect(formatReply(b(null))).toBe('(nil)\n');
		expect(formatReply(b(''))).toBe('""\n');
		expect(formatReply(arr(null))).toBe('(nil)\n');
		expect(formatReply(arr([]))).toBe('(empty array)\n');
	});

	it('quotes bulks like sdscatrepr (checked against redis-cli 7.0.15)', () => {
		const v = 'caf\xc3\xa9\x01\x7f "\\\n\r\t\x07\b';
		expect(formatReply(b(v))).toBe('"caf\\xc3\\xa9\\x01\\x7f \\"\\\\\\n\\r\\t\\a\\b"\n');
		expect(repr('{"name": "Alice"}')).toBe('"{\\"name\\": \\"Alice\\"}"');
		expect(repr('\x00~\x80')).toBe('"\\x00~\\x80"');
	});

	it('indents nested arrays (EVAL "return {1,{2,{3,4},{}},{},\'x\'}")', () => {
		const reply = arr([i(1), arr([i(2), arr([i(3), i(4)]), arr([])]), arr([]), b('x')]);
		expect(formatReply(reply)).toBe(
			[
				'1) (integer) 1',
				'2) 1) (integer) 2',
				'   2) 1) (integer) 3',
				'      2) (integer) 4',
				'   3) (empty array)',
				'3) (empty array)',
				'4) "x"',
				'',
			].join('\n'),
		);
	});

	it('right-aligns indexes and widens the nested indent', () => {
		const ten = Array.from({ length: 10 }, (_, k) => i(k + 1));
		const out = formatReply(arr([...ten, arr([i(1), i(2)])])).split('\n');
		expect(out[0]).toBe(' 1) (integer) 1');
		expect(out[9]).toBe('10) (integer) 10');
		expect(out[10]).toBe('11) 1) (integer) 1');
		expect(out[11]).toBe('    2) (integer) 2');
	});

	it('prints a nested nil array as (nil) and ignores RESP3 hints by default', () => {
		expect(formatReply(arr([arr(null), b(null)]))).toBe('1) (nil)\n2) (nil)\n');
		expect(formatReply(arr([b('f'), b('v')], 'map'))).toBe('1) "f"\n2) "v"\n');
		expect(formatReply({ type: 'double', value: '1.5' })).toBe('"1.5"\n');
	});

	it('uses RESP3 framing on request', () => {
		const opts = { resp3: true };
		expect(formatReply({ type: 'double', value: '1.5' }, opts)).toBe('(double) 1.5\n');
		expect(formatReply(arr([b('f'), b('v'), b('g'), arr([i(1)])], 'map'), opts)).toBe(
			'1# "f" => "v"\n2# "g" => 1) (integer) 1\n',
		);
		expect(formatReply(arr([b('a')], 'set'), opts)).toBe('1~ "a"\n');
		expect(formatReply(arr([], 'map'), opts)).toBe('(empty hash)\n');
		expect(formatReply(arr([], 'set'), opts)).toBe('(empty set)\n');
	});

	it('prints raw-output replies verbatim', () => {
		const info = '# Server\r\nredis_version:7.0.15\r\n';
		expect(formatReply(b(info), { raw: true })).toBe(info);
		expect(formatReply(b(''), { raw: true })).toBe('');
		expect(formatReply({ type: 'error', value: 'ERR syntax error' }, { raw: true })).toBe(
			'ERR syntax error\n',
		);
	});
});

describe('formatRaw (--raw mode)', () => {
	it('matches redis-cli --raw', () => {
		expect(formatRaw(i(1))).toBe('1\n');
		expect(formatRaw({ type: 'status', value: 'OK' })).toBe('OK\n');
		expect(formatRaw(b(null))).toBe('\n');
		expect(formatRaw(arr([b('a'), b('b'), b('c')]))).toBe('a\nb\nc\n');
		expect(formatRaw({ type: 'error', value: 'ERR x' })).toBe('ERR x\n\n');
	});
});

describe('isRawOutputCommand', () => {
	it('lists the commands redis-cli prints verbatim', () => {
		for (const argv of [
			['INFO'],
			['info', 'memory'],
			['LOLWUT'],
			['client', 'LIST'],
			['CLIENT', 'info'],
			['memory', 'doctor'],
			['MEMORY', 'MALLOC-STATS'],
			['latency', 'doctor'],
			['latency', 'graph', 'command'],
			['cluster', 'nodes'],
			['cluster', 'info'],
			['debug', 'htstats', '0'],
			['proxy', 'info'],
		]) {
			expect(isRawOutputCommand(argv), argv.join(' ')).toBe(true);
		}
	});

	it('checks argument counts as redis-cli does', () => {
		for (const argv of [
			['GET', 'k'],
			['client'],
			['cluster', 'info', 'x'],
			['latency', 'doctor', 'x'],
			['latency', 'graph'],
			['memory', 'usage', 'k'],
			[],
		]) {
			expect(isRawOutputCommand(argv), argv.join(' ')).toBe(false);
		}
	});
});
