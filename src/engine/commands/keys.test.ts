import { describe, expect, it } from 'vitest';
import { arr, err, fixture, int, st, str } from './fixture.test-util.ts';

describe('DEL / UNLINK', () => {
	it('counts the keys that existed', () => {
		const f = fixture();
		f.set('a', '1');
		f.set('b', '2');
		expect(f.run('DEL', 'a', 'b', 'c', 'a')).toEqual(int(2));
		expect(f.db().size).toBe(0);
		f.set('a', '1');
		expect(f.run('UNLINK', 'a', 'x')).toEqual(int(1));
	});

	it('replies 0 for an expired key but counts it in expired_keys', () => {
		const f = fixture();
		f.set('ghost', 'v', { px: -1 });
		expect(f.run('DEL', 'ghost')).toEqual(int(0));
		expect(f.server.stats.expired_keys).toBe(1);
		expect(f.db().size).toBe(0);
		f.set('ghost', 'v', { px: -1 });
		expect(f.run('UNLINK', 'ghost')).toEqual(int(0));
		expect(f.server.stats.expired_keys).toBe(2);
	});

	it('checks arity', () => {
		expect(fixture().run('DEL')).toEqual(err("ERR wrong number of arguments for 'del' command"));
	});
});

describe('EXISTS / TOUCH / TYPE', () => {
	it('EXISTS counts per argument, repeats twice, with hits and misses', () => {
		const f = fixture();
		f.set('a', '1');
		expect(f.run('EXISTS', 'a', 'a', 'nokey')).toEqual(int(2));
		expect(f.server.stats.keyspace_hits).toBe(2);
		expect(f.server.stats.keyspace_misses).toBe(1);
	});

	it('EXISTS and TYPE leave the LRU clock alone (NOTOUCH); TOUCH updates it', () => {
		const f = fixture();
		f.set('a', '1');
		const before = f.db().dict.get('a')!.lru;
		f.clock.advance(5000);
		f.run('EXISTS', 'a');
		f.run('TYPE', 'a');
		expect(f.db().dict.get('a')!.lru).toBe(before);
		expect(f.run('TOUCH', 'a', 'b', 'a')).toEqual(int(2));
		expect(f.db().dict.get('a')!.lru).toBe(before + 5);
	});

	it('an expired key is deleted, counted as expired and as a miss', () => {
		const f = fixture();
		f.set('a', '1', { px: -1 });
		expect(f.run('EXISTS', 'a')).toEqual(int(0));
		expect(f.server.stats).toMatchObject({ expired_keys: 1, keyspace_misses: 1 });
		f.set('b', '1', { px: -1 });
		expect(f.run('TYPE', 'b')).toEqual(st('none'));
		expect(f.server.stats).toMatchObject({ expired_keys: 2, keyspace_misses: 2 });
		f.set('c', '1', { px: -1 });
		expect(f.run('TOUCH', 'c')).toEqual(int(0));
		expect(f.server.stats.expired_keys).toBe(3);
	});

	it('TYPE names strings, hashes and missing keys', () => {
		const f = fixture();
		f.set('s', 'v');
		f.hset('h', { f: 'v' });
		expect(f.run('TYPE', 's')).toEqual(st('string'));
		expect(f.run('TYPE', 'h')).toEqual(st('hash'));
		expect(f.run('TYPE', 'nokey')).toEqual(st('none'));
	});
});

describe('RANDOMKEY', () => {
	it('is nil on an empty database', () => {
		expect(fixture().run('RANDOMKEY')).toEqual(str(null));
	});

	it('is seeded: the same seed draws the same keys', () => {
		const draw = () => {
			const f = fixture({ seed: 7 });
			for (let i = 0; i < 50; i++) f.set(`k${i}`, 'v');
			return Array.from({ length: 10 }, () => f.run('RANDOMKEY'));
		};
		const a = draw();
		expect(draw()).toEqual(a);
		expect(new Set(a.map((r) => JSON.stringify(r))).size).toBeGreaterThan(3);
	});

	it('deletes expired keys it draws and draws again', () => {
		const f = fixture();
		for (let i = 0; i < 20; i++) f.set(`dead${i}`, 'v', { px: -1 });
		f.set('alive', 'v');
		expect(f.run('RANDOMKEY')).toEqual(str('alive'));
		expect(f.server.stats.expired_keys).toBeGreaterThan(0);
		expect(f.db().size).toBe(21 - f.server.stats.expired_keys);
		expect(f.server.stats.keyspace_hits + f.server.stats.keyspace_misses).toBe(0);
	});

	it('is nil when every key turns out to be expired', () => {
		const f = fixture();
		for (let i = 0; i < 5; i++) f.set(`dead${i}`, 'v', { px: -1 });
		expect(f.run('RANDOMKEY')).toEqual(str(null));
		expect(f.server.stats.expired_keys).toBe(5);
	});
});

describe('keys group table', () => {
	it('replies in the shapes Redis uses', () => {
		const f = fixture();
		f.set('a', '1');
		expect(f.run('KEYS', '*')).toEqual(arr(str('a')));
	});
});
