import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine.ts';
import type { ZsetObject } from '../object.ts';
import type { Reply } from '../reply.ts';
import { arr, err, fixture, int, str, strs } from './fixture.test-util.ts';

const dbl = (value: string): Reply => ({ type: 'double', value });

function zsetOf(f: ReturnType<typeof fixture>, key: string): ZsetObject {
	const obj = f.db().dict.get(key);
	if (obj?.type !== 'zset') throw new Error(`${key} is not a zset`);
	return obj;
}

function values(reply: Reply): string[] {
	if (reply.type !== 'array' || !reply.value) throw new Error(`not an array: ${reply.type}`);
	return reply.value.map((r) =>
		r.type === 'bulk' || r.type === 'double' ? (r.value ?? '?') : '?',
	);
}

describe('encodings', () => {
	it('turns a listpack into a skiplist at 129 members or a 65-byte member, and never back', () => {
		const f = fixture();
		for (let i = 0; i < 128; i++) f.run('ZADD', 'z', String(i), `m${i}`);
		expect(zsetOf(f, 'z').encoding).toBe('listpack');
		f.run('ZADD', 'z', '200', 'one-more');
		expect(zsetOf(f, 'z').encoding).toBe('skiplist');
		f.run('ZREMRANGEBYRANK', 'z', '0', '-3');
		expect(f.run('ZCARD', 'z')).toEqual(int(2));
		expect(zsetOf(f, 'z').encoding).toBe('skiplist');
		f.run('ZADD', 'long', '1', 'x'.repeat(64));
		expect(zsetOf(f, 'long').encoding).toBe('listpack');
		f.run('ZADD', 'long', '1', 'y'.repeat(65));
		expect(zsetOf(f, 'long').encoding).toBe('skiplist');
	});

	it('stores a small computed result as a listpack again (ZUNIONSTORE), as zsetConvertToListpackIfNeeded', () => {
		const f = fixture();
		for (let i = 0; i < 200; i++) f.run('ZADD', 'big', String(i), `m${i}`);
		f.run('ZREMRANGEBYRANK', 'big', '10', '-1');
		expect(zsetOf(f, 'big').encoding).toBe('skiplist');
		expect(f.run('ZUNIONSTORE', 'small', '1', 'big')).toEqual(int(10));
		expect(zsetOf(f, 'small').encoding).toBe('listpack');
	});

	it('a restart loads a skiplist small enough again as a listpack, as rdbLoadObject converts it', () => {
		const engine = createEngine();
		for (let i = 0; i < 200; i++) engine.exec(['ZADD', 'z', String(i), `m${i}`]);
		engine.exec(['ZREMRANGEBYRANK', 'z', '10', '-1']);
		engine.exec(['ZADD', 'big', '1', 'x'.repeat(65)]);
		expect(engine.exec(['OBJECT', 'ENCODING', 'z'])).toEqual(str('skiplist'));
		engine.exec(['SAVE']);
		engine.restart();
		expect(engine.exec(['OBJECT', 'ENCODING', 'z'])).toEqual(str('listpack'));
		expect(engine.exec(['MEMORY', 'USAGE', 'z'])).toEqual(int(128)); // as 7.0.15 after DEBUG RELOAD
		expect(engine.exec(['OBJECT', 'ENCODING', 'big'])).toEqual(str('skiplist'));
		expect(engine.exec(['ZRANGE', 'z', '0', '1'])).toEqual(strs('m0', 'm1'));
	});

	it('keeps -0 in a skiplist but reads it back as 0 from a listpack', () => {
		const f = fixture();
		f.run('ZADD', 'lp', '-0', 'a');
		expect(f.run('ZSCORE', 'lp', 'a')).toEqual(dbl('0'));
		f.run('ZADD', 'sl', '1', 'x'.repeat(65));
		f.run('ZADD', 'sl', '-0', 'a');
		expect(f.run('ZSCORE', 'sl', 'a')).toEqual(dbl('-0'));
	});
});

describe('big sorted sets', () => {
	it('answers ranks, ranges and counts on 20k members like a sorted array', () => {
		const f = fixture();
		const scores = new Map<string, number>();
		for (let i = 0; i < 20000; i++) {
			const score = (i * 7919) % 5000;
			f.run('ZADD', 'z', String(score), `m${i}`);
			scores.set(`m${i}`, score);
		}
		for (let i = 0; i < 20000; i += 3) {
			f.run('ZINCRBY', 'z', '1.5', `m${i}`);
			scores.set(`m${i}`, scores.get(`m${i}`)! + 1.5);
		}
		const sorted = [...scores].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
		expect(values(f.run('ZRANGE', 'z', '0', '4'))).toEqual(sorted.slice(0, 5).map(([m]) => m));
		expect(values(f.run('ZRANGE', 'z', '0', '2', 'REV'))).toEqual(
			sorted
				.slice(-3)
				.reverse()
				.map(([m]) => m),
		);
		expect(f.run('ZRANK', 'z', sorted[12345]![0])).toEqual(int(12345));
		expect(f.run('ZREVRANK', 'z', sorted[12345]![0])).toEqual(int(20000 - 1 - 12345));
		const inRange = sorted.filter(([, s]) => s > 100 && s <= 200);
		expect(f.run('ZCOUNT', 'z', '(100', '200')).toEqual(int(inRange.length));
		expect(values(f.run('ZRANGEBYSCORE', 'z', '(100', '200', 'LIMIT', '5', '3'))).toEqual(
			inRange.slice(5, 8).map(([m]) => m),
		);
		expect(f.run('ZREMRANGEBYSCORE', 'z', '(100', '200')).toEqual(int(inRange.length));
		expect(f.run('ZCARD', 'z')).toEqual(int(20000 - inRange.length));
	});

	it('ZSCAN visits every member of a skiplist exactly once, with its score', () => {
		const f = fixture();
		for (let i = 0; i < 1000; i++) f.run('ZADD', 'z', String(i / 4), `m${i}`);
		const seen = new Map<string, string>();
		let cursor = '0';
		do {
			const r = f.run('ZSCAN', 'z', cursor, 'COUNT', '50');
			if (r.type !== 'array' || !r.value) throw new Error('bad reply');
			cursor = (r.value[0] as { value: string }).value;
			const items = values(r.value[1]!);
			for (let i = 0; i < items.length; i += 2) {
				expect(seen.has(items[i]!)).toBe(false);
				seen.set(items[i]!, items[i + 1]!);
			}
		} while (cursor !== '0');
		expect(seen.size).toBe(1000);
		expect(seen.get('m6')).toBe('1.5');
	});
});

describe('ZRANDMEMBER', () => {
	it('draws from the seeded generator: the same seed gives the same draws', () => {
		const draws = (seed: number) => {
			const f = fixture({ seed });
			for (let i = 0; i < 300; i++) f.run('ZADD', 'z', String(i), `m${i}`);
			return [f.run('ZRANDMEMBER', 'z', '5'), f.run('ZRANDMEMBER', 'z', '-5', 'WITHSCORES')];
		};
		expect(draws(4)).toEqual(draws(4));
		expect(draws(4)).not.toEqual(draws(5));
	});

	it('gives distinct members for a positive count and the whole zset past its size', () => {
		const f = fixture();
		for (let i = 0; i < 300; i++) f.run('ZADD', 'z', String(i), `m${i}`);
		for (const count of ['10', '150', '299']) {
			const got = values(f.run('ZRANDMEMBER', 'z', count));
			expect(new Set(got).size).toBe(Number(count));
		}
		expect(values(f.run('ZRANDMEMBER', 'z', '1000'))).toHaveLength(300);
		const pairs = values(f.run('ZRANDMEMBER', 'z', '-4', 'WITHSCORES'));
		for (let i = 0; i < pairs.length; i += 2) expect(pairs[i]).toBe(`m${pairs[i + 1]}`);
	});
});

describe('keyspace, types and transactions', () => {
	it('answers WRONGTYPE both ways and TYPE zset', () => {
		const f = fixture();
		f.set('s', 'x');
		f.run('ZADD', 'z', '1', 'a');
		expect(f.run('ZADD', 's', '1', 'a')).toEqual(
			err('WRONGTYPE Operation against a key holding the wrong kind of value'),
		);
		expect(f.run('GET', 'z')).toEqual(
			err('WRONGTYPE Operation against a key holding the wrong kind of value'),
		);
		expect(f.run('TYPE', 'z')).toEqual({ type: 'status', value: 'zset' });
	});

	it('a WATCHed zset changed by ZADD fails the EXEC; a ZADD that changes nothing does not', () => {
		const f = fixture();
		f.run('ZADD', 'z', '1', 'a');
		f.run('WATCH', 'z');
		f.run('ZADD', 'z', '1', 'a');
		f.run('MULTI');
		f.run('ZCARD', 'z');
		expect(f.run('EXEC')).toEqual(arr(int(1)));
		f.run('WATCH', 'z');
		f.run('ZADD', 'z', '2', 'a');
		f.run('MULTI');
		f.run('ZCARD', 'z');
		expect(f.run('EXEC')).toEqual({ type: 'array', value: null });
	});

	it('expires a zset lazily like any key, and COPY makes an independent copy', () => {
		const f = fixture();
		f.run('ZADD', 'z', '1', 'a', '2', 'b');
		f.run('COPY', 'z', 'c');
		f.run('ZADD', 'c', '3', 'c');
		expect(f.run('ZCARD', 'z')).toEqual(int(2));
		expect(f.run('ZRANGE', 'c', '0', '-1')).toEqual(strs('a', 'b', 'c'));
		f.run('PEXPIRE', 'z', '100');
		f.clock.advance(101);
		expect(f.run('ZSCORE', 'z', 'a')).toEqual(str(null));
		expect(f.run('EXISTS', 'z')).toEqual(int(0));
	});

	it('shows the top members with their scores and the count in the keyspace view', () => {
		const engine = createEngine();
		engine.exec(['ZADD', 'lb', '10', 'ada', '30', 'grace', '20', 'linus', '0.5', 'ken']);
		const view = engine.inspect().keys.find((k) => k.name === 'lb')!;
		expect(view.type).toBe('zset');
		expect(view.encoding).toBe('listpack');
		expect(view.preview).toBe('4 members: grace=30 linus=20 ada=10 ken=0.5');
		expect(view.bytes).toBe(
			Number((engine.exec(['MEMORY', 'USAGE', 'lb']) as { value: number }).value),
		);
	});
});
