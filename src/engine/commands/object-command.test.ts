import { describe, expect, it } from 'vitest';
import { err, int, serverFixture, str } from './server.test-util.ts';

const ADJUST =
	'Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.';

describe('OBJECT', () => {
	it('ENCODING of each kind, nil for a missing key', () => {
		const f = serverFixture();
		f.set('n', '123');
		f.set('s', 'hello');
		f.set('big', '12345678901234567890');
		f.set('raw', 'x'.repeat(45));
		f.hset('h', { f: 'v' });
		expect(f.run('OBJECT', 'ENCODING', 'n')).toEqual(str('int'));
		expect(f.run('OBJECT', 'ENCODING', 's')).toEqual(str('embstr'));
		expect(f.run('OBJECT', 'ENCODING', 'big')).toEqual(str('embstr'));
		expect(f.run('OBJECT', 'ENCODING', 'raw')).toEqual(str('raw'));
		expect(f.run('OBJECT', 'ENCODING', 'h')).toEqual(str('listpack'));
		expect(f.run('OBJECT', 'ENCODING', 'nokey')).toEqual(str(null));
	});

	it('counts hits and misses, expires lazily, never touches', () => {
		const f = serverFixture();
		f.set('s', 'v');
		f.set('ghost', 'v', -1);
		const lru = f.db.dict.get('s')!.lru;
		f.clock.advance(5000);
		expect(f.run('OBJECT', 'IDLETIME', 's')).toEqual(int(5));
		expect(f.db.dict.get('s')!.lru).toBe(lru);
		expect(f.run('OBJECT', 'ENCODING', 'ghost')).toEqual(str(null));
		expect(f.db.size).toBe(1);
		expect(f.server.stats.expired_keys).toBe(1);
		expect(f.server.stats.keyspace_hits).toBe(1);
		expect(f.server.stats.keyspace_misses).toBe(1);
	});

	it('REFCOUNT: shared integers 0..9999 unless an LRU/LFU maxmemory is set', () => {
		const f = serverFixture();
		f.set('n', '123');
		f.set('n2', '10000');
		f.set('neg', '-1');
		f.set('s', 'hello');
		expect(f.run('OBJECT', 'REFCOUNT', 'n')).toEqual(int(2147483647));
		expect(f.run('OBJECT', 'REFCOUNT', 'n2')).toEqual(int(1));
		expect(f.run('OBJECT', 'REFCOUNT', 'neg')).toEqual(int(1));
		expect(f.run('OBJECT', 'REFCOUNT', 's')).toEqual(int(1));
		f.run('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru');
		expect(f.run('OBJECT', 'REFCOUNT', 'n')).toEqual(int(2147483647));
		f.run('CONFIG', 'SET', 'maxmemory', '100mb');
		expect(f.run('OBJECT', 'REFCOUNT', 'n')).toEqual(int(1));
		f.run('CONFIG', 'SET', 'maxmemory-policy', 'volatile-ttl');
		expect(f.run('OBJECT', 'REFCOUNT', 'n')).toEqual(int(2147483647));
	});

	it('FREQ and IDLETIME refuse the policy that does not track them', () => {
		const f = serverFixture();
		f.set('s', 'v');
		const notLfu = `ERR An LFU maxmemory policy is not selected, access frequency not tracked. ${ADJUST}`;
		expect(f.run('OBJECT', 'FREQ', 's')).toEqual(err(notLfu));
		expect(f.run('OBJECT', 'FREQ', 'nokey')).toEqual(str(null));
		f.run('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lfu');
		expect(f.run('OBJECT', 'IDLETIME', 's')).toEqual(
			err(`ERR An LFU maxmemory policy is selected, idle time not tracked. ${ADJUST}`),
		);
		expect(f.run('OBJECT', 'IDLETIME', 'nokey')).toEqual(str(null));
	});

	it('FREQ decays one per lfu-decay-time minutes', () => {
		const f = serverFixture({ 'maxmemory-policy': 'allkeys-lfu' });
		f.set('g', 'v');
		expect(f.run('OBJECT', 'FREQ', 'g')).toEqual(int(5));
		f.clock.advance(3 * 60_000);
		expect(f.run('OBJECT', 'FREQ', 'g')).toEqual(int(2));
		f.run('CONFIG', 'SET', 'lfu-decay-time', '0');
		expect(f.run('OBJECT', 'FREQ', 'g')).toEqual(int(5));
	});

	it('errors: arity, unknown subcommand, HELP', () => {
		const f = serverFixture();
		expect(f.run('OBJECT', 'FREQ')).toEqual(
			err("ERR wrong number of arguments for 'object|freq' command"),
		);
		expect(f.run('OBJECT', 'ENCODING', 'a', 'b')).toEqual(
			err("ERR wrong number of arguments for 'object|encoding' command"),
		);
		expect(f.run('OBJECT', 'foo', 'k')).toEqual(
			err("ERR unknown subcommand 'foo'. Try OBJECT HELP."),
		);
		expect(f.run('OBJECT')).toEqual(err("ERR wrong number of arguments for 'object' command"));
		expect(f.run('OBJECT', 'HELP', 'x')).toEqual(
			err("ERR wrong number of arguments for 'object|help' command"),
		);
		const help = f.run('OBJECT', 'HELP');
		expect(help.type === 'array' && help.value?.length).toBe(15);
	});
});
