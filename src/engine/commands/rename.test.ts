import { describe, expect, it } from 'vitest';
import { getExpire } from '../keyspace.ts';
import { err, fixture, int, st, str } from './fixture.test-util.ts';

const SAME = err('ERR source and destination objects are the same');

describe('RENAME / RENAMENX', () => {
	it('moves the value and its TTL; the destination loses its own TTL', () => {
		const f = fixture();
		f.set('k', 'v', { px: 1_000_000 });
		f.set('k2', 'old', { px: 5_000 });
		const when = getExpire(f.db(), 'k');
		expect(f.run('RENAME', 'k', 'k2')).toEqual(st('OK'));
		expect(getExpire(f.db(), 'k2')).toBe(when);
		expect(f.db().dict.get('k2')!).toMatchObject({ value: 'v' });
		expect(f.db().dict.has('k')).toBe(false);
		f.set('p', 'persistent');
		expect(f.run('RENAME', 'p', 'k2')).toEqual(st('OK'));
		expect(getExpire(f.db(), 'k2')).toBe(-1);
	});

	it('keeps the object (the write lookup touched its LRU clock)', () => {
		const f = fixture();
		f.set('k', 'v');
		const obj = f.db().dict.get('k')!;
		f.clock.advance(10_000);
		f.run('RENAME', 'k', 'n');
		expect(f.db().dict.get('n')).toBe(obj);
		expect(obj.lru).toBe(f.server.lruClock());
	});

	it('renames a key to itself only if it exists', () => {
		const f = fixture();
		expect(f.run('RENAME', 'a', 'a')).toEqual(err('ERR no such key'));
		expect(f.run('RENAMENX', 'a', 'a')).toEqual(err('ERR no such key'));
		f.set('a', 'v');
		expect(f.run('RENAME', 'a', 'a')).toEqual(st('OK'));
		expect(f.run('RENAMENX', 'a', 'a')).toEqual(int(0));
	});

	it('RENAMENX refuses an existing destination', () => {
		const f = fixture();
		f.set('a', '1');
		f.set('b', '2');
		expect(f.run('RENAMENX', 'a', 'b')).toEqual(int(0));
		expect(f.run('RENAMENX', 'a', 'c')).toEqual(int(1));
		expect([...f.db().keys].sort()).toEqual(['b', 'c']);
	});

	it('treats an expired source as missing and an expired destination as free', () => {
		const f = fixture();
		f.set('dead', 'v', { px: -1 });
		expect(f.run('RENAME', 'dead', 'x')).toEqual(err('ERR no such key'));
		f.set('a', '1');
		f.set('ghost', 'v', { px: -1 });
		expect(f.run('RENAMENX', 'a', 'ghost')).toEqual(int(1));
		expect(f.server.stats.expired_keys).toBe(2);
	});
});

describe('COPY', () => {
	it('copies value and TTL into a fresh object', () => {
		const f = fixture();
		f.set('k', 'v', { px: 1_000_000 });
		expect(f.run('COPY', 'k', 'k2')).toEqual(int(1));
		expect(getExpire(f.db(), 'k2')).toBe(getExpire(f.db(), 'k'));
		expect(f.db().dict.get('k2')).not.toBe(f.db().dict.get('k'));
		expect(f.server.stats.keyspace_hits).toBe(1);
		expect(f.run('COPY', 'k', 'k2')).toEqual(int(0));
		f.set('p', 'new');
		expect(f.run('COPY', 'p', 'k2', 'REPLACE')).toEqual(int(1));
		expect(getExpire(f.db(), 'k2')).toBe(-1);
		expect(f.db().dict.get('k2')!).toMatchObject({ value: 'new' });
	});

	it('copies into another database', () => {
		const f = fixture();
		f.hset('h', { a: '1' });
		expect(f.run('COPY', 'h', 'h', 'DB', '3')).toEqual(int(1));
		expect(f.db(3).dict.get('h')!.type).toBe('hash');
		expect(f.run('COPY', 'h', 'h', 'db', '3')).toEqual(int(0));
		expect(f.run('COPY', 'h', 'h', 'REPLACE', 'DB', '3', 'REPLACE')).toEqual(int(1));
	});

	it('gives the errors Redis gives, options before the source lookup', () => {
		const f = fixture();
		expect(f.run('COPY', 'a', 'a')).toEqual(SAME);
		expect(f.run('COPY', 'a', 'a', 'DB', '0')).toEqual(SAME);
		expect(f.run('COPY', 'a', 'a', 'DB', '1')).toEqual(int(0));
		expect(f.run('COPY', 'a', 'b', 'DB', '16')).toEqual(err('ERR DB index is out of range'));
		expect(f.run('COPY', 'a', 'b', 'DB', 'x')).toEqual(
			err('ERR value is not an integer or out of range'),
		);
		expect(f.run('COPY', 'a', 'b', 'DB')).toEqual(err('ERR syntax error'));
		expect(f.run('COPY', 'a', 'b', 'FOO')).toEqual(err('ERR syntax error'));
		expect(f.run('COPY', 'a')).toEqual(err("ERR wrong number of arguments for 'copy' command"));
	});
});

describe('MOVE', () => {
	it('moves the key with its TTL', () => {
		const f = fixture();
		f.set('k', 'v', { px: 1_000_000 });
		const when = getExpire(f.db(), 'k');
		expect(f.run('MOVE', 'k', '1')).toEqual(int(1));
		expect(getExpire(f.db(1), 'k')).toBe(when);
		expect(f.db().size).toBe(0);
		expect(f.run('MOVE', 'k', '1')).toEqual(int(0));
	});

	it('refuses when the key exists in the target', () => {
		const f = fixture();
		f.set('k', 'a');
		f.set('k', 'b', { db: 2 });
		expect(f.run('MOVE', 'k', '2')).toEqual(int(0));
		expect(f.db().size).toBe(1);
	});

	it('checks the db before the key', () => {
		const f = fixture();
		expect(f.run('MOVE', 'nokey', '0')).toEqual(SAME);
		expect(f.run('MOVE', 'nokey', '16')).toEqual(err('ERR DB index is out of range'));
		expect(f.run('MOVE', 'nokey', '-1')).toEqual(err('ERR DB index is out of range'));
		expect(f.run('MOVE', 'nokey', 'x')).toEqual(err('ERR value is not an integer or out of range'));
		expect(f.run('MOVE', 'nokey', '1')).toEqual(int(0));
		expect(f.run('GET', 'nokey')).toEqual(str(null));
	});
});
