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
});
