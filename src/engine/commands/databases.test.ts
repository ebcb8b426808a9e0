import { describe, expect, it } from 'vitest';
import { err, fixture, int, st } from './fixture.test-util.ts';

describe('SELECT', () => {
	it('switches the client database', () => {
		const f = fixture();
		f.set('k', 'v', { db: 5 });
		expect(f.run('SELECT', '5')).toEqual(st('OK'));
		expect(f.run('DBSIZE')).toEqual(int(1));
		expect(f.run('SELECT', '0')).toEqual(st('OK'));
		expect(f.run('DBSIZE')).toEqual(int(0));
	});

	it.each([
		['16', 'ERR DB index is out of range'],
		['-1', 'ERR DB index is out of range'],
		['abc', 'ERR value is not an integer or out of range'],
		['1.5', 'ERR value is not an integer or out of range'],
		[' 1', 'ERR value is not an integer or out of range'],
		['4294967296', 'ERR value is out of range, value must between -2147483648 and 2147483647'],
	])('SELECT %j → %s', (arg, message) => {
		expect(fixture().run('SELECT', arg)).toEqual(err(message));
	});
});

describe('DBSIZE / FLUSHDB / FLUSHALL', () => {
	it('DBSIZE counts expired keys nobody has deleted yet', () => {
		const f = fixture();
		f.set('a', 'v');
		f.set('ghost', 'v', { px: -1 });
		expect(f.run('DBSIZE')).toEqual(int(2));
		expect(f.server.stats.expired_keys).toBe(0);
	});

	it('FLUSHDB empties the selected database only', () => {
		const f = fixture();
		f.set('a', 'v', { px: 1000 });
		f.set('b', 'v', { db: 1 });
		expect(f.run('FLUSHDB')).toEqual(st('OK'));
		expect(f.db(0).size + f.db(0).expires.size).toBe(0);
		expect(f.db(1).size).toBe(1);
		expect(f.run('FLUSHDB', 'async')).toEqual(st('OK'));
		expect(f.run('FLUSHDB', 'SYNC')).toEqual(st('OK'));
	});

	it('FLUSHALL empties every database and keeps the stats', () => {
		const f = fixture();
		f.set('a', 'v');
		f.set('b', 'v', { db: 9 });
		f.run('EXISTS', 'a', 'zz');
		expect(f.run('FLUSHALL', 'ASYNC')).toEqual(st('OK'));
		expect(f.server.dbs.every((d) => d.size === 0 && d.bytes === 0)).toBe(true);
		expect(f.server.stats).toMatchObject({ keyspace_hits: 1, keyspace_misses: 1 });
	});

	it('rejects unknown or extra flags', () => {
		const f = fixture();
		expect(f.run('FLUSHDB', 'FOO')).toEqual(err('ERR syntax error'));
		expect(f.run('FLUSHALL', 'ASYNC', 'SYNC')).toEqual(err('ERR syntax error'));
	});
});
