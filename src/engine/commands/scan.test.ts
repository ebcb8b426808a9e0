import { describe, expect, it } from 'vitest';
import { parseScanCursor } from './scan.ts';
import { arr, err, fixture, int, str, strs } from './fixture.test-util.ts';

describe('KEYS', () => {
	it('matches globs and hides expired keys without deleting them', () => {
		const f = fixture();
		f.set('user:1', 'a');
		f.set('user:2', 'b', { px: -1 });
		f.set('other', 'c');
		expect(f.run('KEYS', 'user:*')).toEqual(strs('user:1'));
		expect(f.run('KEYS', '*')).toEqual(strs('user:1', 'other'));
		expect(f.db().size).toBe(3);
		expect(f.server.stats.expired_keys).toBe(0);
		expect(f.run('KEYS', 'nomatch*')).toEqual(arr());
	});
});

describe('parseScanCursor (strtoul rules)', () => {
	it.each([
		['0', 0n],
		['', 0n],
		['+5', 5n],
		['-1', 2n ** 64n - 1n],
		['18446744073709551615', 2n ** 64n - 1n],
	])('%j → %s', (raw, v) => expect(parseScanCursor(raw)).toBe(v));

	it.each(['abc', '5x', ' 5', '18446744073709551616', '-', '+', '1.5'])('%j is invalid', (raw) =>
		expect(parseScanCursor(raw)).toBeNull(),
	);
});

describe('SCAN', () => {
	it("answers Redis's shape: next cursor, then the batch", () => {
		const f = fixture();
		for (let i = 0; i < 25; i++) f.set(`k${i}`, 'v');
		const first = f.run('SCAN', '0');
		expect(first).toEqual(arr(str('10'), strs(...Array.from({ length: 10 }, (_, i) => `k${i}`))));
		expect(f.run('SCAN', '10', 'COUNT', '100')).toEqual(
			arr(str('0'), strs(...Array.from({ length: 15 }, (_, i) => `k${i + 10}`))),
		);
		expect(f.run('SCAN', '999')).toEqual(arr(str('0'), arr()));
	});

	it('filters by MATCH and TYPE (case-insensitive)', () => {
		const f = fixture();
		f.set('s1', 'v');
		f.hset('h1', { a: '1' });
		f.set('x', 'v');
		expect(f.run('SCAN', '0', 'MATCH', '?1')).toEqual(arr(str('0'), strs('s1', 'h1')));
		expect(f.run('SCAN', '0', 'type', 'HASH')).toEqual(arr(str('0'), strs('h1')));
		expect(f.server.stats.keyspace_hits).toBe(3);
		expect(f.run('SCAN', '0', 'MATCH', 's*', 'TYPE', 'string')).toEqual(arr(str('0'), strs('s1')));
		expect(f.server.stats.keyspace_hits).toBe(4);
	});

	it('deletes expired keys of the batch and leaves them out, without skipping live ones', () => {
		const f = fixture();
		f.set('a', 'v', { px: -1 });
		f.set('b', 'v');
		f.set('c', 'v', { px: -1 });
		f.set('d', 'v');
		f.set('e', 'v');
		const r = f.run('SCAN', '0', 'COUNT', '2');
		// a expired; e, moved into its slot, is examined in the same batch.
		expect(r).toEqual(arr(str('2'), strs('e', 'b')));
		expect(f.server.stats.expired_keys).toBe(1);
		expect(f.run('SCAN', '2')).toEqual(arr(str('0'), strs('d')));
		expect(f.server.stats.expired_keys).toBe(2);
		expect(f.server.stats.keyspace_hits + f.server.stats.keyspace_misses).toBe(0);
	});

	it('TYPE none returns an expired key it has just deleted (Redis quirk)', () => {
		const f = fixture();
		f.set('a', 'v', { px: -1 });
		f.set('b', 'v');
		expect(f.run('SCAN', '0', 'TYPE', 'none')).toEqual(arr(str('0'), strs('a')));
		expect(f.server.stats).toMatchObject({ expired_keys: 1, keyspace_misses: 1, keyspace_hits: 1 });
	});

	it('does not check expiry of keys the pattern filtered out', () => {
		const f = fixture();
		f.set('a', 'v', { px: -1 });
		expect(f.run('SCAN', '0', 'MATCH', 'z*')).toEqual(arr(str('0'), arr()));
		expect(f.db().size).toBe(1);
	});

	it('gives the errors Redis gives', () => {
		const f = fixture();
		expect(f.run('SCAN', 'abc')).toEqual(err('ERR invalid cursor'));
		expect(f.run('SCAN', '0', 'COUNT', '0')).toEqual(err('ERR syntax error'));
		expect(f.run('SCAN', '0', 'COUNT', 'x')).toEqual(
			err('ERR value is not an integer or out of range'),
		);
		expect(f.run('SCAN', '0', 'MATCH')).toEqual(err('ERR syntax error'));
		expect(f.run('SCAN', '0', 'FOO', 'bar')).toEqual(err('ERR syntax error'));
		expect(f.run('SCAN', '-1')).toEqual(arr(str('0'), arr()));
		expect(f.run('SCAN')).toEqual(err("ERR wrong number of arguments for 'scan' command"));
		expect(f.run('DBSIZE')).toEqual(int(0));
	});
});
