import { describe, expect, it } from 'vitest';
import { memoryUsage } from '../memory.ts';
import type { StringObject } from '../object.ts';
import { arr, err, fixture, int, st, str } from './fixture.test-util.ts';
import { commandTable } from './index.ts';

const obj = (f: ReturnType<typeof fixture>, key: string) =>
	f.db().dict.get(key) as StringObject | undefined;
const usage = (f: ReturnType<typeof fixture>, key: string) => memoryUsage(key, obj(f, key)!);

describe('bitmap command table', () => {
	// arity, flags, first/last/step and since as redis-server 7.0.15 reports them.
	const expected: Record<string, [number, string, string, string]> = {
		SETBIT: [4, 'write denyoom', '1 1 1', '2.2.0'],
		GETBIT: [3, 'readonly fast', '1 1 1', '2.2.0'],
		BITCOUNT: [-2, 'readonly', '1 1 1', '2.6.0'],
		BITPOS: [-3, 'readonly', '1 1 1', '2.8.7'],
		BITOP: [-4, 'write denyoom', '2 -1 1', '2.6.0'],
		BITFIELD: [-2, 'write denyoom', '1 1 1', '3.2.0'],
		BITFIELD_RO: [-2, 'readonly fast', '1 1 1', '6.0.0'],
		LCS: [-3, 'readonly', '1 2 1', '7.0.0'],
	};
	it.for(Object.entries(expected))('%s', ([name, [arity, flags, keys, since]]) => {
		const spec = commandTable().get(name.toLowerCase())!;
		expect([spec.arity, spec.flags.join(' '), spec.keys!.join(' '), spec.since]).toEqual([
			arity,
			flags,
			keys,
			since,
		]);
		expect(spec.group).toBe(name === 'LCS' ? 'string' : 'bitmap');
	});
});

describe('SETBIT and the string it writes', () => {
	it('creates an exact raw string, then grows it greedily like APPEND', () => {
		const f = fixture();
		expect(f.run('SETBIT', 'g', '100', '1')).toEqual(int(0));
		expect(obj(f, 'g')!.encoding).toBe('raw');
		expect(obj(f, 'g')!.value).toBe('\u0000'.repeat(12) + '\u0008');
		expect(usage(f, 'g')).toBe(64);
		f.run('SETBIT', 'g', '300', '1');
		expect(usage(f, 'g')).toBe(128);
		// The greedy allocation already has room for the next byte.
		f.run('SETBIT', 'g', '301', '1');
		expect(usage(f, 'g')).toBe(128);
		expect(f.run('STRLEN', 'g')).toEqual(int(38));
	});

	it('turns an int or embstr value raw even when the bit does not change; the TTL stays', () => {
		const f = fixture();
		f.set('n', '12345', { px: 100_000 });
		expect(f.run('SETBIT', 'n', '7', '0')).toEqual(int(1));
		expect(obj(f, 'n')!.encoding).toBe('raw');
		expect(f.run('GET', 'n')).toEqual(str('02345'));
		expect(f.run('PTTL', 'n')).toEqual(int(100_000));
		f.set('e', 'a');
		expect(f.run('SETBIT', 'e', '0', '0')).toEqual(int(0));
		expect(obj(f, 'e')!.encoding).toBe('raw');
	});

	it('makes a watching client fail its EXEC', () => {
		const f = fixture();
		f.set('w', 'x');
		f.run('WATCH', 'w');
		f.run('SETBIT', 'w', '0', '1');
		f.run('MULTI');
		f.run('GET', 'w');
		expect(f.run('EXEC')).toEqual({ type: 'array', value: null });
	});

	it('leaves a watching client alone when it changes no bit, creates nothing, grows nothing', () => {
		const f = fixture();
		f.set('w', 'x');
		f.run('WATCH', 'w');
		f.run('SETBIT', 'w', '0', '0');
		f.run('BITFIELD', 'w', 'SET', 'u8', '0', '120');
		f.run('MULTI');
		f.run('PING');
		expect(f.run('EXEC')).toEqual({ type: 'array', value: [st('PONG')] });
	});

	it('adds to the dirty count only what created, grew or changed something', () => {
		// The sequence of Redis's own bitops test, with the counts 7.0.15 passes it with.
		const f = fixture();
		const dirty = () => {
			const info = f.run('INFO', 'persistence');
			return Number(
				/rdb_changes_since_last_save:(\d+)/.exec(info.type === 'bulk' ? info.value! : '')![1],
			);
		};
		const step = (...lines: string[][]) => {
			const before = dirty();
			for (const line of lines) f.run(...line);
			return dirty() - before;
		};
		expect(step(['SETBIT', 'foo', '0', '0'], ['BITFIELD', 'foo2', 'SET', 'i5', '0', '0'])).toBe(2);
		expect(step(['SETBIT', 'foo', '0', '0'], ['BITFIELD', 'foo2', 'SET', 'i5', '0', '0'])).toBe(0);
		const flips = [
			['SETBIT', 'foo', '0', '1'],
			['SETBIT', 'foo', '0', '1'],
		];
		const back = [
			['SETBIT', 'foo', '0', '0'],
			['SETBIT', 'foo', '0', '0'],
		];
		const sets = ['1', '1', '0', '0'].map((v) => ['BITFIELD', 'foo2', 'SET', 'i5', '0', v]);
		expect(step(...flips, ...back, ...sets)).toBe(4);
		const incr = ['BITFIELD', 'foo3', 'INCRBY', 'i5', '0', '1'];
		expect(step(incr, incr)).toBe(2);
		expect(step(['SETBIT', 'foo', '90', '0'], ['BITFIELD', 'foo2', 'SET', 'i5', '90', '0'])).toBe(
			2,
		);
	});

	it('checks the offset, then the bit, then the type', () => {
		const f = fixture();
		f.hset('h', { a: '1' });
		const offsetErr = err('ERR bit offset is not an integer or out of range');
		expect(f.run('SETBIT', 'h', '-1', 'x')).toEqual(offsetErr);
		expect(f.run('SETBIT', 'h', '4294967296', '1')).toEqual(offsetErr);
		expect(f.run('SETBIT', 'h', '0', '2')).toEqual(
			err('ERR bit is not an integer or out of range'),
		);
		expect(f.run('SETBIT', 'h', '0', '1')).toEqual(
			err('WRONGTYPE Operation against a key holding the wrong kind of value'),
		);
		expect(f.run('GETBIT', 'h', '+1')).toEqual(offsetErr);
	});
});

describe('keyspace hits and misses', () => {
	it('count the read lookups only, as redis-server 7.0.15 does', () => {
		const f = fixture();
		const stats = () => [f.server.stats.keyspace_hits, f.server.stats.keyspace_misses];
		const steps: [string[], number, number][] = [
			[['SETBIT', 'a', '1', '1'], 0, 0],
			[['GETBIT', 'a', '1'], 1, 0],
			[['GETBIT', 'nokey', '1'], 0, 1],
			[['BITCOUNT', 'nokey'], 0, 1],
			[['BITPOS', 'a', '1'], 1, 0],
			[['BITOP', 'AND', 'd', 'a', 'nokey'], 1, 1],
			[['BITFIELD', 'a', 'GET', 'u8', '0'], 1, 0],
			[['BITFIELD', 'a', 'SET', 'u8', '0', '1'], 0, 0],
			[['BITFIELD_RO', 'nokey', 'GET', 'u8', '0'], 0, 1],
			[['LCS', 'a', 'nokey'], 1, 1],
		];
		for (const [argv, hits, misses] of steps) {
			const [h0, m0] = stats();
			f.run(...argv);
			expect(stats(), argv.join(' ')).toEqual([h0! + hits, m0! + misses]);
		}
	});
});

describe('BITOP', () => {
	it('stores a raw result without the old TTL, deletes the destination for an empty one', () => {
		const f = fixture();
		f.set('a', 'abc');
		f.set('d', 'x', { px: 5000 });
		expect(f.run('BITOP', 'XOR', 'd', 'a', 'nokey')).toEqual(int(3));
		expect(obj(f, 'd')!.encoding).toBe('raw');
		expect(f.run('PTTL', 'd')).toEqual(int(-1));
		expect(f.run('BITOP', 'OR', 'd', 'nokey')).toEqual(int(0));
		expect(f.db().dict.has('d')).toBe(false);
	});

	it('pads shorter sources with zero bytes', () => {
		const f = fixture();
		f.set('a', '\u00ff\u00ff\u00ff');
		f.set('b', '\u000f');
		f.run('BITOP', 'AND', 'and', 'a', 'b');
		f.run('BITOP', 'XOR', 'xor', 'a', 'b');
		f.run('BITOP', 'NOT', 'not', 'b');
		expect(f.run('MGET', 'and', 'xor', 'not')).toEqual(
			arr(str('\u000f\u0000\u0000'), str('\u00f0\u00ff\u00ff'), str('\u00f0')),
		);
	});
});

describe('BITFIELD', () => {
	it('parses every operation before touching the key', () => {
		const f = fixture();
		expect(f.run('BITFIELD', 'k', 'SET', 'u8', '0', '1', 'GET', 'u64', '0')).toEqual(
			err(
				'ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.',
			),
		);
		expect(f.db().dict.has('k')).toBe(false);
	});

	it('grows the string for a write that FAIL then refuses', () => {
		const f = fixture();
		expect(f.run('BITFIELD', 'k', 'OVERFLOW', 'FAIL', 'SET', 'u8', '#3', '256')).toEqual(
			arr(str(null)),
		);
		expect(f.run('GET', 'k')).toEqual(str('\u0000'.repeat(4)));
	});

	it('reads and writes in order on one buffer', () => {
		const f = fixture();
		expect(
			f.run('BITFIELD', 'k', 'INCRBY', 'u4', '0', '9', 'GET', 'u8', '0', 'SET', 'i4', '4', '-1'),
		).toEqual(arr(int(9), int(0x90), int(0)));
		expect(f.run('GET', 'k')).toEqual(str('\u009f'));
	});

	it('BITFIELD_RO refuses writes but accepts OVERFLOW', () => {
		const f = fixture();
		f.set('k', '\u0080');
		expect(f.run('BITFIELD_RO', 'k', 'OVERFLOW', 'SAT', 'GET', 'i8', '0')).toEqual(arr(int(-128)));
		expect(f.run('BITFIELD_RO', 'k', 'INCRBY', 'i8', '0', '1')).toEqual(
			err('ERR BITFIELD_RO only supports the GET subcommand'),
		);
		expect(f.run('BITFIELD_RO', 'k')).toEqual(arr());
	});

	it('wraps a #offset that overflows int64 as C does', () => {
		const f = fixture();
		f.set('k', '\u00ab');
		// 2^61 × 8 = 2^64, which is 0 in int64.
		expect(f.run('BITFIELD', 'k', 'GET', 'u8', '#2305843009213693952')).toEqual(arr(int(0xab)));
	});
});

describe('LCS', () => {
	it('emits ranges from the end, filtered by MINMATCHLEN', () => {
		const f = fixture();
		f.set('a', 'ohmytext');
		f.set('b', 'mynewtext');
		expect(f.run('LCS', 'a', 'b')).toEqual(str('mytext'));
		const range = (a0: number, a1: number, b0: number, b1: number, len?: number) =>
			arr(arr(int(a0), int(a1)), arr(int(b0), int(b1)), ...(len ? [int(len)] : []));
		expect(f.run('LCS', 'a', 'b', 'IDX', 'MINMATCHLEN', '2', 'WITHMATCHLEN')).toEqual({
			type: 'array',
			resp3: 'map',
			value: [str('matches'), arr(range(4, 7, 5, 8, 4), range(2, 3, 0, 1, 2)), str('len'), int(6)],
		});
	});

	it('looks at the keys before the options', () => {
		const f = fixture();
		f.hset('h', { a: '1' });
		expect(f.run('LCS', 'h', 'nokey', 'BOGUS')).toEqual(
			err('ERR The specified keys must contain string values'),
		);
		expect(f.run('LCS', 'x', 'y', 'BOGUS')).toEqual(err('ERR syntax error'));
		expect(f.run('LCS', 'x', 'y')).toEqual(str(''));
		expect(f.run('SET', 'z', 'v')).toEqual(st('OK'));
	});
});
