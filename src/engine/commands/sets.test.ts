import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine.ts';
import { keyCost } from '../memory.ts';
import type { SetObject } from '../object.ts';
import type { Reply } from '../reply.ts';
import { arr, err, fixture, int, str } from './fixture.test-util.ts';

function setOf(f: ReturnType<typeof fixture>, key: string): SetObject {
	const obj = f.db().dict.get(key);
	if (obj?.type !== 'set') throw new Error(`${key} is not a set`);
	return obj;
}

function members(reply: Reply): string[] {
	if (reply.type !== 'array' || !reply.value) throw new Error(`not an array: ${reply.type}`);
	return reply.value.map((r) => (r.type === 'bulk' ? (r.value ?? '?') : '?'));
}

const range = (n: number, f = (i: number) => String(i)) =>
	Array.from({ length: n }, (_, i) => f(i));

describe('replies', () => {
	it('frames SMEMBERS, SINTER, SUNION, SDIFF and SPOP with a count as RESP3 sets', () => {
		const f = fixture();
		f.run('SADD', 's', '1', '2');
		for (const argv of [
			['SMEMBERS', 's'],
			['SINTER', 's'],
			['SUNION', 's'],
			['SDIFF', 's'],
		])
			expect(f.run(...argv)).toMatchObject({ type: 'array', resp3: 'set' });
		expect(f.run('SRANDMEMBER', 's', '2')).not.toHaveProperty('resp3');
		expect(f.run('SPOP', 's', '1')).toMatchObject({ type: 'array', resp3: 'set' });
	});

	it('answers SINTERCARD with LIMIT stopping the count early', () => {
		const f = fixture();
		f.run('SADD', 'a', ...range(50));
		f.run('SADD', 'b', ...range(50, (i) => String(i * 2)));
		expect(f.run('SINTERCARD', '2', 'a', 'b')).toEqual(int(25));
		expect(f.run('SINTERCARD', '2', 'a', 'b', 'LIMIT', '10')).toEqual(int(10));
		expect(f.run('SINTERCARD', '2', 'a', 'b', 'LIMIT', '0')).toEqual(int(25));
	});

	it('SDIFF gives the same members by either of Redis’s two algorithms', () => {
		const f = fixture();
		f.run('SADD', 'small', 'x', 'y', 'z');
		f.run('SADD', 'big', ...range(100, (i) => `m${i}`), 'x');
		// small first: algorithm 1 (N × M lookups); big first against small: algorithm 2.
		expect(members(f.run('SDIFF', 'small', 'big', 'big')).sort()).toEqual(['y', 'z']);
		const diff = members(f.run('SDIFF', 'big', 'small')).sort();
		expect(diff).toEqual(range(100, (i) => `m${i}`).sort());
	});
});

describe('random draws (seeded)', () => {
	it('SPOP with a count removes exactly the members it replies, in every case', () => {
		for (const count of [1, 3, 17, 19, 20]) {
			const f = fixture({ seed: count });
			f.run('SADD', 's', ...range(20, (i) => `m${i}`));
			const popped = members(f.run('SPOP', 's', String(count)));
			expect(new Set(popped).size).toBe(count);
			const left = count === 20 ? [] : members(f.run('SMEMBERS', 's'));
			expect([...popped, ...left].sort()).toEqual(range(20, (i) => `m${i}`).sort());
		}
	});

	it('SPOP that keeps few members rebuilds the set: a hashtable of integers can become an intset', () => {
		const f = fixture();
		f.run('SADD', 's', ...range(600));
		expect(setOf(f, 's').encoding).toBe('hashtable');
		members(f.run('SPOP', 's', '590'));
		expect(f.run('SCARD', 's')).toEqual(int(10));
		expect(setOf(f, 's').encoding).toBe('intset');
	});

	it('SRANDMEMBER: distinct members for a positive count, repeats for a negative one', () => {
		const f = fixture({ seed: 3 });
		f.run('SADD', 's', ...range(30, (i) => `m${i}`));
		for (const n of [2, 12, 29])
			expect(new Set(members(f.run('SRANDMEMBER', 's', String(n)))).size).toBe(n);
		const many = members(f.run('SRANDMEMBER', 's', '-200'));
		expect(many).toHaveLength(200);
		expect(new Set(many).size).toBeLessThan(31);
		expect(f.run('SCARD', 's')).toEqual(int(30));
		expect(f.run('SRANDMEMBER', 's', '-1000001')).toEqual(
			err('ERR count too large for the playground (at most 1000000)'),
		);
	});

	it('draws the same members again from the same seed', () => {
		const draw = () => {
			const f = fixture({ seed: 42 });
			f.run('SADD', 's', ...range(100, (i) => `m${i}`));
			return [f.run('SRANDMEMBER', 's', '5'), f.run('SPOP', 's', '3'), f.run('SPOP', 's')];
		};
		expect(draw()).toEqual(draw());
	});
});

describe('memory and WATCH', () => {
	it('keeps used_memory equal to the price of every key through adds, removals and conversions', () => {
		const f = fixture();
		const check = () => {
			const db = f.db();
			let sum = 0;
			for (const [key, obj] of db.dict) sum += keyCost(key, obj);
			expect(db.bytes).toBe(sum);
		};
		f.run('SADD', 's', ...range(600));
		check();
		f.run('SADD', 's', 'x');
		f.run('SREM', 's', ...range(590));
		check();
		f.run('SMOVE', 's', 'd', 'x');
		f.run('SUNIONSTORE', 'u', 's', 'd');
		f.run('SPOP', 's', '5');
		check();
	});

	it('SADD that adds nothing does not touch a WATCHed key; one that adds does', () => {
		const e = createEngine();
		const a = e.connect();
		const b = e.connect();
		a.exec(['SADD', 's', 'x']);
		a.exec(['WATCH', 's']);
		b.exec(['SADD', 's', 'x']);
		a.exec(['MULTI']);
		a.exec(['SCARD', 's']);
		expect(a.exec(['EXEC'])).toEqual(arr(int(1)));
		a.exec(['WATCH', 's']);
		b.exec(['SADD', 's', 'y']);
		a.exec(['MULTI']);
		a.exec(['SCARD', 's']);
		expect(a.exec(['EXEC'])).toEqual({ type: 'array', value: null });
		e.dispose();
	});
});

describe('TYPE, COPY and the keyspace view', () => {
	it('shows a set with its count and a few members, an intset ascending', () => {
		const e = createEngine();
		e.exec(['SADD', 'ids', '30', '10', '20']);
		e.exec(['SADD', 'tags', 'red', 'blue']);
		expect(e.exec(['TYPE', 'ids'])).toEqual({ type: 'status', value: 'set' });
		const views = e.inspect().keys;
		expect(views.find((k) => k.name === 'ids')?.preview).toBe('3 members: 10 20 30');
		expect(views.find((k) => k.name === 'tags')?.preview).toMatch(
			/^2 members: (red blue|blue red)$/,
		);
		e.dispose();
	});

	it('COPY makes an independent set with the same encoding', () => {
		const f = fixture();
		f.run('SADD', 's', 'a', 'b');
		expect(f.run('COPY', 's', 'c')).toEqual(int(1));
		f.run('SADD', 'c', 'z');
		expect(f.run('SISMEMBER', 's', 'z')).toEqual(int(0));
		expect(setOf(f, 'c').encoding).toBe('hashtable');
		expect(f.run('SMISMEMBER', 'c', 'a', 'z', 'q')).toEqual(arr(int(1), int(1), int(0)));
		expect(f.run('SRANDMEMBER', 'nokey')).toEqual(str(null));
	});

	it('DEBUG OBJECT gives the RDB length: an intset as its blob, a hashtable member by member', () => {
		const f = fixture();
		f.run('SADD', 'di', '1', '2', '300000');
		f.run('SADD', 'ds', 'a', 'bb', '12345');
		const length = (key: string) => {
			const r = f.run('DEBUG', 'OBJECT', key);
			return r.type === 'status' ? /serializedlength:(\d+)/.exec(r.value)?.[1] : r.type;
		};
		// Both measured on redis-server 7.0.15: 1 + (8 + 3 × 4) and 1 + 2 + 3 + 3 (12345 as int16).
		expect([length('di'), length('ds')]).toEqual(['21', '9']);
	});
});
