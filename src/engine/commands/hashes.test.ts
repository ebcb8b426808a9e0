import { describe, expect, it } from 'vitest';
import { keyCost } from '../memory.ts';
import type { HashObject } from '../object.ts';
import type { Reply } from '../reply.ts';
import { arr, err, fixture, int, str, strs } from './fixture.test-util.ts';

const WRONGTYPE = err('WRONGTYPE Operation against a key holding the wrong kind of value');

function values(reply: Reply): string[] {
	if (reply.type !== 'array' || !reply.value) throw new Error(`not an array: ${reply.type}`);
	return reply.value.map((r) => (r.type === 'bulk' && r.value !== null ? r.value : '?'));
}

function hashOf(f: ReturnType<typeof fixture>, key: string): HashObject {
	const obj = f.db().dict.get(key);
	if (obj?.type !== 'hash') throw new Error(`${key} is not a hash`);
	return obj;
}

/** db.bytes must always be the sum of every key's cost (valueChanged after in-place edits). */
function expectBytesConsistent(f: ReturnType<typeof fixture>): void {
	const db = f.db();
	let sum = 0;
	for (const [key, obj] of db.dict) sum += keyCost(key, obj);
	sum += db.expires.size * 32;
	expect(db.bytes).toBe(sum);
}

describe('HSET and the reading commands', () => {
	it('counts new fields, overwrites, and reads back', () => {
		const f = fixture();
		expect(f.run('HSET', 'h', 'a', '1', 'b', '2')).toEqual(int(2));
		expect(f.run('HSET', 'h', 'a', 'x', 'c', '3')).toEqual(int(1));
		expect(f.run('HGET', 'h', 'a')).toEqual(str('x'));
		expect(f.run('HMGET', 'h', 'a', 'zz', 'c')).toEqual(arr(str('x'), str(null), str('3')));
		expect(f.run('HGETALL', 'h')).toEqual({
			type: 'array',
			value: strs('a', 'x', 'b', '2', 'c', '3').value,
			resp3: 'map',
		});
		expect(f.run('HKEYS', 'h')).toEqual(strs('a', 'b', 'c'));
		expect(f.run('HVALS', 'h')).toEqual(strs('x', '2', '3'));
		expect(f.run('HLEN', 'h')).toEqual(int(3));
		expect(f.run('HSTRLEN', 'h', 'b')).toEqual(int(1));
		expect(f.run('HEXISTS', 'h', 'c')).toEqual(int(1));
		expect(f.run('HMSET', 'h', 'd', '4')).toEqual({ type: 'status', value: 'OK' });
		expect(f.run('HSET', 'h', 'odd')).toEqual(
			err("ERR wrong number of arguments for 'hset' command"),
		);
		expectBytesConsistent(f);
	});

	it('answers WRONGTYPE both ways', () => {
		const f = fixture();
		f.set('s', 'v');
		f.hset('h', { a: '1' });
		for (const argv of [
			['HGET', 's', 'a'],
			['HSET', 's', 'a', 'b'],
			['HDEL', 's', 'a'],
			['HINCRBY', 's', 'a', '1'],
			['HRANDFIELD', 's'],
			['HSCAN', 's', '0'],
		])
			expect(f.run(...argv)).toEqual(WRONGTYPE);
		expect(f.run('GET', 'h')).toEqual(WRONGTYPE);
	});

	it('counts hits and misses on reads but not on writes', () => {
		const f = fixture();
		f.run('HSET', 'h', 'a', '1');
		f.run('HGET', 'h', 'a');
		f.run('HGET', 'nokey', 'a');
		expect([f.server.stats.keyspace_hits, f.server.stats.keyspace_misses]).toEqual([1, 1]);
	});
});

describe('HDEL', () => {
	it('deletes the key with its last field, TTL included', () => {
		const f = fixture();
		f.run('HSET', 'h', 'a', '1', 'b', '2');
		f.run('PEXPIRE', 'h', '10000');
		expect(f.run('HDEL', 'h', 'a', 'zz')).toEqual(int(1));
		expectBytesConsistent(f);
		expect(f.run('HDEL', 'h', 'b', 'a')).toEqual(int(1));
		expect(f.db().dict.has('h')).toBe(false);
		expect(f.db().expires.has('h')).toBe(false);
		expect(f.db().bytes).toBe(0);
	});
});

describe('encodings', () => {
	it('turns into a hashtable past 512 fields or 64 bytes, and never back', () => {
		const f = fixture();
		const args = Array.from({ length: 512 }, (_, i) => [`f${i}`, `${i}`]).flat();
		f.run('HSET', 'h', ...args);
		expect(hashOf(f, 'h').encoding).toBe('listpack');
		f.run('HSET', 'h', 'one-more', 'x');
		expect(hashOf(f, 'h').encoding).toBe('hashtable');
		f.run('HDEL', 'h', 'one-more', 'f1', 'f2');
		expect(hashOf(f, 'h').encoding).toBe('hashtable');
		f.run('HINCRBY', 'long', 'x'.repeat(65), '1');
		expect(hashOf(f, 'long').encoding).toBe('hashtable');
		f.run('HSET', 'edge', 'f', 'v'.repeat(64));
		expect(hashOf(f, 'edge').encoding).toBe('listpack');
		expectBytesConsistent(f);
	});
});

describe('HINCRBY and HINCRBYFLOAT', () => {
	it('keep int64 bounds and long double precision', () => {
		const f = fixture();
		expect(f.run('HINCRBY', 'n', 'c', '9223372036854775807')).toEqual({
			type: 'integer',
			value: 9223372036854775807n,
		});
		expect(f.run('HINCRBY', 'n', 'c', '1')).toEqual(
			err('ERR increment or decrement would overflow'),
		);
		f.run('HSET', 'n', 's', 'abc');
		expect(f.run('HINCRBY', 'n', 's', '1')).toEqual(err('ERR hash value is not an integer'));
		expect(f.run('HINCRBYFLOAT', 'n', 's', '1')).toEqual(err('ERR hash value is not a float'));
		expect(f.run('HINCRBYFLOAT', 'n', 'x', 'inf')).toEqual(err('ERR value is NaN or Infinity'));
		f.run('HINCRBYFLOAT', 'n', 'x', '10.5');
		f.run('HINCRBYFLOAT', 'n', 'x', '0.1');
		expect(f.run('HINCRBYFLOAT', 'n', 'x', '5.0e3')).toEqual(str('5010.60000000000000009'));
		expectBytesConsistent(f);
	});
});

describe('HRANDFIELD', () => {
	const fields = ['a', 'b', 'c', 'd'];

	it('draws every field about equally often with a negative count', () => {
		const f = fixture({ seed: 7 });
		f.hset('h', { a: '1', b: '2', c: '3', d: '4' });
		const counts = new Map<string, number>();
		for (const v of values(f.run('HRANDFIELD', 'h', '-4000')))
			counts.set(v, (counts.get(v) ?? 0) + 1);
		expect([...counts.keys()].sort()).toEqual(fields);
		for (const n of counts.values()) expect(Math.abs(n - 1000)).toBeLessThan(150);
	});

	it('never repeats with a positive count, in the listpack order', () => {
		const f = fixture({ seed: 3 });
		const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${i}`, `${i}`]));
		f.hset('h', many);
		for (const count of ['1', '5', '13', '30', '40', '99']) {
			const got = values(f.run('HRANDFIELD', 'h', count));
			expect(got.length).toBe(Math.min(Number(count), 40));
			expect(new Set(got).size).toBe(got.length);
			const order = got.map((x) => Number(x.slice(1)));
			expect(order).toEqual([...order].sort((x, y) => x - y));
		}
		const pairs = values(f.run('HRANDFIELD', 'h', '3', 'WITHVALUES'));
		for (let i = 0; i < pairs.length; i += 2) expect(`f${pairs[i + 1]}`).toBe(pairs[i]);
	});

	it('picks unique fields from a hashtable, and replays with the same seed', () => {
		const run = () => {
			const f = fixture({ seed: 11 });
			const args = Array.from({ length: 600 }, (_, i) => [`f${i}`, `${i}`]).flat();
			f.run('HSET', 'h', ...args);
			return values(f.run('HRANDFIELD', 'h', '50'));
		};
		const first = run();
		expect(new Set(first).size).toBe(50);
		expect(run()).toEqual(first);
	});

	it('refuses counts that could not be answered', () => {
		const f = fixture();
		f.hset('h', { a: '1' });
		expect(f.run('HRANDFIELD', 'h', '-9223372036854775807').type).toBe('error');
		expect(f.run('HRANDFIELD', 'h', '4611686018427387904', 'WITHVALUES')).toEqual(
			err('ERR value is out of range'),
		);
	});
});

describe('HSCAN over a hashtable', () => {
	function scanAll(f: ReturnType<typeof fixture>, between?: (step: number) => void): string[] {
		const seen: string[] = [];
		let cursor = '0';
		let step = 0;
		do {
			const reply = f.run('HSCAN', 'h', cursor, 'COUNT', '20');
			if (reply.type !== 'array' || !reply.value) throw new Error('bad reply');
			const [next, items] = reply.value;
			cursor = next!.type === 'bulk' ? next!.value! : '0';
			const flat = values(items!);
			for (let i = 0; i < flat.length; i += 2) seen.push(flat[i]!);
			between?.(step++);
		} while (cursor !== '0');
		return seen;
	}

	it('returns every field once when nothing changes, in batches', () => {
		const f = fixture();
		const args = Array.from({ length: 700 }, (_, i) => [`f${i}`, `${i}`]).flat();
		f.run('HSET', 'h', ...args);
		const seen = scanAll(f);
		expect(seen.length).toBe(700);
		expect(new Set(seen).size).toBe(700);
	});

	it('never misses a field present for the whole scan while others come and go', () => {
		const f = fixture();
		const args = Array.from({ length: 600 }, (_, i) => [`f${i}`, `${i}`]).flat();
		f.run('HSET', 'h', ...args);
		const seen = new Set(
			scanAll(f, (step) => {
				// Deletions only touch f400…f599; additions grow the table through several sizes.
				if (step % 2 === 0) f.run('HDEL', 'h', `f${400 + (step % 200)}`);
				else
					f.run(
						'HSET',
						'h',
						...Array.from({ length: 30 }, (_, i) => [`n${step}-${i}`, 'x']).flat(),
					);
			}),
		);
		for (let i = 0; i < 400; i++) expect(seen.has(`f${i}`)).toBe(true);
	});

	it('filters with MATCH after collecting, field and value together', () => {
		const f = fixture();
		const args = Array.from({ length: 600 }, (_, i) => [`f${i}`, `${i}`]).flat();
		f.run('HSET', 'h', ...args);
		expect(f.run('HSCAN', 'h', '0', 'MATCH', 'f42', 'COUNT', '100000')).toEqual(
			arr(str('0'), strs('f42', '42')),
		);
	});
});
