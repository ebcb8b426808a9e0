import { describe, expect, it } from 'vitest';
import { keyCost, memoryUsage } from '../memory.ts';
import type { StringObject } from '../object.ts';
import { commandTable } from './index.ts';
import { err, fixture, int, st, str } from './fixture.test-util.ts';

const obj = (f: ReturnType<typeof fixture>, key: string) =>
	f.db().dict.get(key) as StringObject | undefined;

describe('string command table', () => {
	// arity, flags and since as COMMAND INFO / COMMAND DOCS of redis-server 7.0.15 report them.
	const expected: Record<string, [number, string, string]> = {
		GET: [2, 'readonly fast', '1.0.0'],
		SET: [-3, 'write denyoom', '1.0.0'],
		SETEX: [4, 'write denyoom', '2.0.0'],
		PSETEX: [4, 'write denyoom', '2.6.0'],
		SETNX: [3, 'write denyoom fast', '1.0.0'],
		GETSET: [3, 'write denyoom fast', '1.0.0'],
		GETEX: [-2, 'write fast', '6.2.0'],
		GETDEL: [2, 'write fast', '6.2.0'],
		MGET: [-2, 'readonly fast', '1.0.0'],
		MSET: [-3, 'write denyoom', '1.0.1'],
		MSETNX: [-3, 'write denyoom', '1.0.1'],
		INCR: [2, 'write denyoom fast', '1.0.0'],
		INCRBY: [3, 'write denyoom fast', '1.0.0'],
		DECR: [2, 'write denyoom fast', '1.0.0'],
		DECRBY: [3, 'write denyoom fast', '1.0.0'],
		INCRBYFLOAT: [3, 'write denyoom fast', '2.6.0'],
		APPEND: [3, 'write denyoom fast', '2.0.0'],
		STRLEN: [2, 'readonly fast', '2.2.0'],
		GETRANGE: [4, 'readonly', '2.4.0'],
		SETRANGE: [4, 'write denyoom', '2.2.0'],
		SUBSTR: [4, 'readonly', '1.0.0'],
	};

	it.for(Object.entries(expected))('%s', ([name, [arity, flags, since]]) => {
		const spec = commandTable().get(name.toLowerCase());
		expect(spec).toBeDefined();
		expect([spec!.arity, spec!.flags.join(' '), spec!.since]).toEqual([arity, flags, since]);
		expect(spec!.group).toBe('string');
		expect(spec!.summary.length).toBeGreaterThan(10);
	});

	it('shows the syntax redis-cli help shows', () => {
		const syntax = (name: string) => commandTable().get(name)!.syntax;
		expect(syntax('set')).toBe(
			'key value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]',
		);
		expect(syntax('getex')).toBe(
			'key [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|PERSIST]',
		);
		expect(syntax('setex')).toBe('key seconds value');
		expect(syntax('psetex')).toBe('key milliseconds value');
		expect(syntax('mset')).toBe('key value [key value ...]');
		expect(syntax('decrby')).toBe('key decrement');
		expect(syntax('setrange')).toBe('key offset value');
	});
});

describe('keyspace hits and misses', () => {
	it('count read lookups only, as redis-server 7.0.15 does', () => {
		const f = fixture();
		f.set('s', 'v');
		f.hset('h', { a: '1' });
		const stats = () => [f.server.stats.keyspace_hits, f.server.stats.keyspace_misses];
		const reads: [string[], number, number][] = [
			[['GET', 's'], 1, 0],
			[['GET', 'nokey'], 0, 1],
			[['MGET', 's', 'nokey', 'h'], 2, 1],
			[['STRLEN', 's'], 1, 0],
			[['GETRANGE', 's', '0', '-1'], 1, 0],
			[['SET', 's', 'v', 'GET'], 1, 0],
			[['GETSET', 's', 'v'], 1, 0],
			[['GETEX', 's'], 1, 0],
			[['GETEX', 'nokey', 'EX', '-1'], 0, 1],
			[['GETDEL', 'nokey'], 0, 1],
		];
		for (const [argv, hits, misses] of reads) {
			const [h0, m0] = stats();
			f.run(...argv);
			expect(stats(), argv.join(' ')).toEqual([h0! + hits, m0! + misses]);
		}
		const before = stats();
		for (const argv of [
			['SET', 's', 'x'],
			['SETNX', 's', 'x'],
			['INCR', 'n'],
			['INCRBYFLOAT', 'n', '1'],
			['APPEND', 's', 'y'],
			['SETRANGE', 's', '0', 'z'],
			['MSET', 's', '1', 't', '2'],
			['MSETNX', 'u', '1'],
		])
			f.run(...argv);
		expect(stats()).toEqual(before);
	});
});

describe('expiry', () => {
	it('GETEX with a past EXAT deletes the key outright: not counted as expired', () => {
		const f = fixture();
		f.set('k', 'v');
		expect(f.run('GETEX', 'k', 'EXAT', '1')).toEqual(str('v'));
		expect(f.db().dict.has('k')).toBe(false);
		expect(f.server.stats.expired_keys).toBe(0);
	});

	it('SET with a past EXAT writes a dead key that is counted once noticed', () => {
		const f = fixture();
		expect(f.run('SET', 'k', 'v', 'PXAT', '1')).toEqual(st('OK'));
		expect(f.db().dict.has('k')).toBe(true);
		expect(f.run('GET', 'k')).toEqual(str(null));
		expect(f.server.stats.expired_keys).toBe(1);
	});

	it('sets absolute times from the virtual clock', () => {
		const f = fixture();
		const now = f.clock.now();
		f.run('SETEX', 'a', '10', 'v');
		f.run('PSETEX', 'b', '1500', 'v');
		f.run('SET', 'c', 'v', 'PXAT', String(now + 99));
		f.run('SET', 'd', 'v');
		f.run('GETEX', 'd', 'PX', '250');
		const expires = f.db().expires;
		expect([expires.get('a'), expires.get('b'), expires.get('c'), expires.get('d')]).toEqual([
			now + 10_000,
			now + 1500,
			now + 99,
			now + 250,
		]);
	});

	it('a write to a logically expired key starts from nothing', () => {
		const f = fixture();
		f.set('n', '41', { px: -1 });
		f.set('s', 'abc', { px: -1 });
		expect(f.run('INCR', 'n')).toEqual(int(1));
		expect(f.run('APPEND', 's', 'x')).toEqual(int(1));
		expect(f.db().expires.size).toBe(0);
		expect(f.server.stats.expired_keys).toBe(2);
	});

	it('MSETNX stops at the first existing key, leaving later expired keys alone', () => {
		const f = fixture();
		f.set('a', '1');
		f.set('b', '2', { px: -1 });
		expect(f.run('MSETNX', 'a', 'x', 'b', 'y')).toEqual(int(0));
		expect(f.server.stats.expired_keys).toBe(0);
		expect(f.db().dict.has('b')).toBe(true);
	});
});

describe('encodings and allocation', () => {
	it('int for INCR results, embstr for INCRBYFLOAT text, raw after APPEND/SETRANGE', () => {
		const f = fixture();
		f.run('INCRBY', 'n', '12345');
		expect(obj(f, 'n')!.encoding).toBe('int');
		f.run('SET', 'f', '10.5');
		expect(f.run('INCRBYFLOAT', 'f', '0.5')).toEqual(str('11'));
		expect(obj(f, 'f')!.encoding).toBe('embstr');
		f.run('SET', 'e', 'hello');
		f.run('APPEND', 'e', '');
		expect(obj(f, 'e')!.encoding).toBe('raw');
		f.run('SET', 'r', '7');
		f.run('SETRANGE', 'r', '0', '8');
		expect(obj(f, 'r')!.encoding).toBe('raw');
	});

	it('grows APPEND values greedily, as MEMORY USAGE shows', () => {
		const f = fixture();
		const usage = (key: string) => memoryUsage(key, obj(f, key)!);
		f.run('SET', 'k', 'hello');
		expect(usage('k')).toBe(64);
		f.run('APPEND', 'k', 'world');
		expect(usage('k')).toBe(80);
		f.run('APPEND', 'k', '!!!!!!!!!!');
		expect(usage('k')).toBe(80);
		f.run('APPEND', 'k', '0123456789');
		expect(usage('k')).toBe(112);
		f.run('SET', 'a', 'x'.repeat(45));
		f.run('APPEND', 'a', 'x');
		expect(usage('a')).toBe(144);
		f.run('SETRANGE', 's', '0', 'hello');
		expect(usage('s')).toBe(56);
		f.run('SETRANGE', 's', '10', 'abc');
		expect(usage('s')).toBe(80);
		// 1 MB and beyond: +1 MB instead of doubling (values measured on redis-server 7.0.15).
		f.run('SET', 'big', 'x'.repeat(1024 * 1024));
		f.run('APPEND', 'big', 'y');
		expect(usage('big')).toBe(2621488);
		// A 32 KB value had more than 10 % spare room, so SET trimmed it: one more byte reallocates.
		f.run('SET', 'b', 'x'.repeat(32768));
		expect(usage('b')).toBe(41008);
		f.run('APPEND', 'b', 'y');
		expect(usage('b')).toBe(81968);
	});

	it('keeps the used_memory model in step with in-place edits', () => {
		const f = fixture();
		f.run('SET', 'k', 'x'.repeat(100));
		const before = f.db().bytes;
		f.run('APPEND', 'k', 'y');
		expect(f.db().bytes - before).toBe(keyCost('k', obj(f, 'k')!) - (16 + 112 + 8 + 32));
	});
});

describe('LFU', () => {
	it('SET, INCR and APPEND keep the counter of the value they replace', () => {
		const f = fixture({ config: { 'maxmemory-policy': 'allkeys-lfu' } });
		for (const [key, argv] of [
			['a', ['SET', 'a', 'new']],
			['b', ['INCR', 'b']],
			['c', ['APPEND', 'c', 'x']],
			['d', ['GETSET', 'd', 'x']],
		] as const) {
			f.set(key, '1');
			obj(f, key)!.lru = (obj(f, key)!.lru & ~255) | 200;
			f.run(...argv);
			expect(obj(f, key)!.lru & 255, key).toBeGreaterThanOrEqual(200);
		}
	});
});

describe('errors that need no transcript', () => {
	it('refuses SETRANGE past proto-max-bulk-len without creating the key', () => {
		const f = fixture();
		const tooBig = err('ERR string exceeds maximum allowed size (proto-max-bulk-len)');
		expect(f.run('SETRANGE', 'k', '536870912', 'x')).toEqual(tooBig);
		expect(f.run('SETRANGE', 'k', '9223372036854775807', 'x')).toEqual(tooBig);
		expect(f.db().dict.has('k')).toBe(false);
		expect(f.run('SETRANGE', 'k', '0', '')).toEqual(int(0));
		expect(f.db().dict.has('k')).toBe(false);
	});

	it('answers INCR beyond 2^53 exactly', () => {
		const f = fixture();
		f.run('SET', 'n', '9007199254740993');
		expect(f.run('INCR', 'n')).toEqual(int(9007199254740994n as unknown as number));
		expect(f.run('GET', 'n')).toEqual(str('9007199254740994'));
	});
});
