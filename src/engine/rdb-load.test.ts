import { describe, expect, it } from 'vitest';
import { createEngine } from './engine.ts';

const encoding = (e: ReturnType<typeof createEngine>, key: string) =>
	e.exec(['OBJECT', 'ENCODING', key]);
const bulk = (value: string) => ({ type: 'bulk', value });

describe('a value loaded from a save is encoded for the server that loads it', () => {
	it('after a restart, as after DEBUG RELOAD', () => {
		const e = createEngine();
		e.exec(['SADD', 'ints', '1', '70000', 'x']);
		e.exec(['SREM', 'ints', 'x']);
		e.exec(['SADD', 'words', 'a', 'b']);
		e.exec(['SET', 's', 'abc']);
		e.exec(['APPEND', 's', 'def']);
		e.exec(['SAVE']);
		expect(encoding(e, 'ints')).toEqual(bulk('hashtable'));
		expect(encoding(e, 's')).toEqual(bulk('raw'));
		e.restart();
		expect(encoding(e, 'ints')).toEqual(bulk('intset'));
		expect(encoding(e, 'words')).toEqual(bulk('hashtable'));
		expect(encoding(e, 's')).toEqual(bulk('embstr'));
		// The intset is as wide as its widest member: 70000 needs 4 bytes each (64 on 7.0.15 too).
		expect(e.exec(['MEMORY', 'USAGE', 'ints'])).toEqual({ type: 'integer', value: 64 });
	});

	it('by the limits in force when it loads, not those it was saved under', () => {
		const e = createEngine();
		e.exec(['SADD', 'few', '1', '2', '3']);
		e.exec(['HSET', 'h', 'f', 'v']);
		e.exec(['CONFIG', 'SET', 'set-max-intset-entries', '2']);
		e.exec(['CONFIG', 'SET', 'hash-max-listpack-entries', '0']);
		expect(encoding(e, 'few')).toEqual(bulk('intset'));
		expect(encoding(e, 'h')).toEqual(bulk('listpack'));
		expect(e.exec(['DEBUG', 'RELOAD'])).toEqual({ type: 'status', value: 'OK' });
		expect(encoding(e, 'few')).toEqual(bulk('hashtable'));
		expect(encoding(e, 'h')).toEqual(bulk('hashtable'));
		expect(e.exec(['SMEMBERS', 'few'])).toMatchObject({ value: [bulk('1'), bulk('2'), bulk('3')] });
	});

	it('a list keeps its nodes but takes the fill and compress depth of now (7.0.15 figures)', () => {
		const e = createEngine();
		e.exec(['CONFIG', 'SET', 'list-max-listpack-size', '4']);
		for (let i = 1; i <= 5; i++)
			e.exec([
				'RPUSH',
				'l',
				...['a'.repeat(51), 'a'.repeat(52), 'b'.repeat(48), 'c'.repeat(44)].map((x) => x + i),
			]);
		const fields = () => {
			const line = e.exec(['DEBUG', 'OBJECT', 'l']);
			return line.type === 'status' ? line.value.match(/ql_\w+:\S+/g)!.join(' ') : '';
		};
		expect(e.exec(['MEMORY', 'USAGE', 'l'])).toEqual({ type: 'integer', value: 1408 });
		expect(fields()).toBe(
			'ql_nodes:5 ql_avg_node:4.00 ql_listpack_max:4 ql_compressed:0 ql_uncompressed_size:1070',
		);
		e.exec(['CONFIG', 'SET', 'list-compress-depth', '1']);
		e.exec(['CONFIG', 'SET', 'list-max-listpack-size', '2']);
		e.exec(['DEBUG', 'RELOAD']);
		expect(e.exec(['MEMORY', 'USAGE', 'l'])).toEqual({ type: 'integer', value: 880 });
		expect(fields()).toBe(
			'ql_nodes:5 ql_avg_node:4.00 ql_listpack_max:2 ql_compressed:1 ql_uncompressed_size:1070',
		);
		e.exec(['LPOP', 'l', '2']);
		expect(e.exec(['MEMORY', 'USAGE', 'l'])).toEqual({ type: 'integer', value: 768 });
	});
});
