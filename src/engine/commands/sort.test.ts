import { describe, expect, it } from 'vitest';
import { keyCost } from '../memory.ts';
import type { ZsetObject } from '../object.ts';
import type { Reply } from '../reply.ts';
import { arr, err, fixture, int, str, strs } from './fixture.test-util.ts';
import { commandTable } from './index.ts';
import { lookupByPattern } from './sort.ts';

/** A reply as plain nested values. */
const plain = (r: Reply): unknown => (r.type === 'array' ? (r.value?.map(plain) ?? null) : r.value);

describe('SORT command table', () => {
	it('has 7.0.15 arity, flags, key positions and ACL categories (no @keyspace)', () => {
		const f = fixture();
		const info = plain(f.run('COMMAND', 'INFO', 'sort', 'sort_ro')) as unknown[][];
		expect(info.map((c) => c.slice(0, 7))).toEqual([
			[
				...['sort', -2, ['write', 'denyoom', 'movablekeys'], 1, 1, 1],
				['@write', '@set', '@sortedset', '@list', '@slow', '@dangerous'],
			],
			[
				...['sort_ro', -2, ['readonly', 'movablekeys'], 1, 1, 1],
				['@read', '@set', '@sortedset', '@list', '@slow', '@dangerous'],
			],
		]);
		expect(commandTable().get('sort_ro')!.since).toBe('7.0.0');
	});
});

describe('lookupByPattern', () => {
	const f = fixture();
	f.set('w_1', '10');
	f.set('w_1->', 'arrow');
	f.hset('h_1', { age: '40', 'a->b': 'x' });
	const look = (pattern: string) => lookupByPattern(f.server, f.db(), pattern, '1');

	it('substitutes the first * and reads a string key', () => {
		expect(look('w_*')).toBe('10');
		expect(look('w_*x*')).toBe(null);
		expect(look('#')).toBe('1');
		expect(look('nostar')).toBe(null);
	});

	it('reads a hash field after ->, but a trailing -> is part of the key name', () => {
		expect(look('h_*->age')).toBe('40');
		expect(look('h_*->a->b')).toBe('x');
		expect(look('h_*->nope')).toBe(null);
		expect(look('w_*->age')).toBe(null);
		expect(look('w_*->')).toBe('arrow');
	});

	it('looks for * only up to a zero byte, as strchr does', () => {
		expect(look('w_\u0000*')).toBe(null);
	});
});

describe('SORT', () => {
	it('breaks numeric ties by the elements bytes, and compares ALPHA by bytes', () => {
		const f = fixture();
		f.run('RPUSH', 'l', 'b', 'a', 'c', '10', '9');
		f.run('MSET', 'w_b', '1', 'w_a', '1', 'w_c', '0');
		expect(f.run('SORT', 'l', 'BY', 'w_*', 'LIMIT', '0', '3')).toEqual(strs('10', '9', 'c'));
		expect(f.run('SORT', 'l', 'BY', 'w_*')).toEqual(strs('10', '9', 'c', 'a', 'b'));
		expect(f.run('SORT', 'l', 'ALPHA')).toEqual(strs('10', '9', 'a', 'b', 'c'));
		expect(f.run('SORT', 'l')).toEqual(
			err("ERR One or more scores can't be converted into double"),
		);
	});

	it('reads the BY and GET keys as lookups that hit or miss', () => {
		const f = fixture();
		f.run('RPUSH', 'l', '1', '2');
		f.set('w_1', '5');
		const before = [f.server.stats.keyspace_hits, f.server.stats.keyspace_misses];
		f.run('SORT', 'l', 'BY', 'w_*', 'GET', 'w_*');
		// l itself (hit), BY w_1 (hit) and w_2 (miss), GET the same two again.
		expect([f.server.stats.keyspace_hits, f.server.stats.keyspace_misses]).toEqual([
			before[0]! + 3,
			before[1]! + 2,
		]);
	});

	it('turns a listpack sorted set into a skiplist for good, re-priced', () => {
		const f = fixture();
		f.run('ZADD', 'z', '1', 'a', '2', 'b');
		const bytes = f.db().bytes;
		const obj = f.db().dict.get('z') as ZsetObject;
		const oldCost = obj.cost;
		expect(f.run('SORT_RO', 'z', 'ALPHA', 'DESC')).toEqual(strs('b', 'a'));
		expect(obj.encoding).toBe('skiplist');
		expect(obj.cost).toBe(keyCost('z', obj));
		expect(f.db().bytes - bytes).toBe(obj.cost - oldCost);
	});

	it('STORE writes a quicklist without the old TTL and fails a watcher; empty deletes', () => {
		const f = fixture();
		f.run('RPUSH', 'l', '2', '1');
		f.set('dst', 'x', { px: 10_000 });
		f.run('WATCH', 'dst');
		expect(f.run('SORT', 'l', 'STORE', 'dst')).toEqual(int(2));
		expect(f.run('OBJECT', 'ENCODING', 'dst')).toEqual(str('quicklist'));
		expect(f.run('PTTL', 'dst')).toEqual(int(-1));
		expect(f.run('LRANGE', 'dst', '0', '-1')).toEqual(strs('1', '2'));
		f.run('MULTI');
		f.run('PING');
		expect(f.run('EXEC')).toEqual({ type: 'array', value: null });
		expect(f.run('SORT', 'l', 'GET', 'nokey_*', 'STORE', 'dst')).toEqual(int(2));
		expect(f.run('LRANGE', 'dst', '0', '-1')).toEqual(strs('', ''));
		expect(f.run('SORT', 'nokey', 'STORE', 'dst')).toEqual(int(0));
		expect(f.db().dict.has('dst')).toBe(false);
	});

	it('reads a set in its own order unsorted, but sorts it ALPHA to STORE it', () => {
		const f = fixture();
		f.run('SADD', 's', '10', '9', '-1');
		expect(f.run('SORT', 's', 'BY', 'nosort', 'DESC')).toEqual(strs('-1', '9', '10'));
		expect(f.run('SORT', 's', 'BY', 'nosort', 'DESC', 'STORE', 'dst')).toEqual(int(3));
		expect(f.run('LRANGE', 'dst', '0', '-1')).toEqual(strs('9', '10', '-1'));
	});

	it('parses every option before looking at the key', () => {
		const f = fixture();
		f.set('s', 'v');
		expect(f.run('SORT', 's', 'LIMIT', '0', 'x')).toEqual(
			err('ERR value is not an integer or out of range'),
		);
		expect(f.run('SORT_RO', 's', 'STORE', 'x')).toEqual(err('ERR syntax error'));
		expect(f.run('SORT', 's')).toEqual(
			err('WRONGTYPE Operation against a key holding the wrong kind of value'),
		);
		expect(f.run('SORT', 'nokey', 'GET', '#')).toEqual(arr());
	});
});
