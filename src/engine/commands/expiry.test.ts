import { describe, expect, it } from 'vitest';
import { getExpire } from '../keyspace.ts';
import { err, fixture, int } from './fixture.test-util.ts';

const NX_ERR = err('ERR NX and XX, GT or LT options at the same time are not compatible');
const GTLT_ERR = err('ERR GT and LT options at the same time are not compatible');
const NOT_INT = err('ERR value is not an integer or out of range');

describe('EXPIRE family: order of checks', () => {
	it('checks options before the number, and the number before the key', () => {
		const f = fixture();
		expect(f.run('EXPIRE', 'k', 'abc', 'FOO')).toEqual(err('ERR Unsupported option FOO'));
		expect(f.run('EXPIRE', 'k', '10', 'NX', 'foo')).toEqual(err('ERR Unsupported option foo'));
		expect(f.run('EXPIRE', 'k', 'abc', 'NX', 'XX')).toEqual(NX_ERR);
		expect(f.run('EXPIRE', 'k', '10', 'LT', 'GT', 'NX')).toEqual(NX_ERR);
		expect(f.run('EXPIRE', 'k', '10', 'GT', 'LT')).toEqual(GTLT_ERR);
		expect(f.run('EXPIRE', 'k', '1.5')).toEqual(NOT_INT);
		expect(f.run('EXPIRE', 'k', ' 1')).toEqual(NOT_INT);
		expect(f.run('EXPIRE', 'nokey', '10', 'nx', 'NX')).toEqual(int(0));
	});

	it('reports overflow with the command name', () => {
		const f = fixture();
		f.set('k', 'v');
		const invalid = (c: string) => err(`ERR invalid expire time in '${c}' command`);
		expect(f.run('EXPIRE', 'k', '9223372036854775')).toEqual(invalid('expire'));
		expect(f.run('EXPIRE', 'k', '9223372036854774')).toEqual(invalid('expire'));
		expect(f.run('expireat', 'k', '9223372036854776')).toEqual(invalid('expireat'));
		expect(f.run('PEXPIRE', 'k', '9223372036854775807')).toEqual(invalid('pexpire'));
		expect(f.run('EXPIREAT', 'k', '9223372036854775')).toEqual(int(1));
		expect(f.run('EXPIRETIME', 'k')).toEqual({ type: 'integer', value: 9223372036854775n });
		expect(f.run('PEXPIREAT', 'k', '9223372036854775807')).toEqual(int(1));
		expect(f.run('EXPIRETIME', 'k')).toEqual({ type: 'integer', value: 9223372036854776n });
		expect(f.run('PEXPIRETIME', 'k')).toEqual({ type: 'integer', value: 9223372036854775807n });
	});

	it('a negative or past time deletes the key, replies 1, and is not counted as expired', () => {
		const f = fixture();
		for (const [cmd, n] of [
			['EXPIRE', '0'],
			['EXPIRE', '-9223372036854775'],
			['PEXPIRE', '-9223372036854775808'],
			['EXPIREAT', '1'],
			['PEXPIREAT', String(f.clock.now())],
		] as const) {
			f.set('k', 'v');
			expect(f.run(cmd, 'k', n)).toEqual(int(1));
			expect(f.db().size).toBe(0);
		}
		expect(f.server.stats.expired_keys).toBe(0);
	});

	it('sets and replaces the TTL in the right unit', () => {
		const f = fixture();
		const now = f.clock.now();
		f.set('k', 'v');
		expect(f.run('EXPIRE', 'k', '100')).toEqual(int(1));
		expect(getExpire(f.db(), 'k')).toBe(now + 100_000);
		expect(f.run('PEXPIRE', 'k', '1500')).toEqual(int(1));
		expect(getExpire(f.db(), 'k')).toBe(now + 1500);
		expect(f.run('EXPIREAT', 'k', '4102444800')).toEqual(int(1));
		expect(getExpire(f.db(), 'k')).toBe(4102444800_000);
		expect(f.run('PEXPIREAT', 'k', '4102444800499')).toEqual(int(1));
		expect(f.run('EXPIRETIME', 'k')).toEqual(int(4102444800));
		f.run('PEXPIREAT', 'k', '4102444800500');
		expect(f.run('EXPIRETIME', 'k')).toEqual(int(4102444801));
		expect(f.run('PEXPIRETIME', 'k')).toEqual(int(4102444800500));
	});

	it('expires a dead key through the write lookup and replies 0', () => {
		const f = fixture();
		f.set('k', 'v', { px: -1 });
		expect(f.run('EXPIRE', 'k', '100')).toEqual(int(0));
		expect(f.server.stats).toMatchObject({ expired_keys: 1, keyspace_misses: 0 });
	});
});

describe('EXPIRE NX / XX / GT / LT', () => {
	it('compares with the current TTL, none meaning infinite', () => {
		const f = fixture();
		f.set('k', 'v');
		expect(f.run('EXPIRE', 'k', '100', 'XX')).toEqual(int(0));
		expect(f.run('EXPIRE', 'k', '100', 'GT')).toEqual(int(0));
		expect(f.run('EXPIRE', 'k', '100', 'LT')).toEqual(int(1));
		expect(f.run('EXPIRE', 'k', '50', 'NX')).toEqual(int(0));
		expect(f.run('EXPIRE', 'k', '50', 'XX')).toEqual(int(1));
		expect(f.run('EXPIRE', 'k', '40', 'GT')).toEqual(int(0));
		expect(f.run('EXPIRE', 'k', '50', 'GT')).toEqual(int(0));
		expect(f.run('EXPIRE', 'k', '60', 'gt')).toEqual(int(1));
		expect(f.run('EXPIRE', 'k', '60', 'LT')).toEqual(int(0));
		expect(f.run('EXPIRE', 'k', '30', 'XX', 'LT')).toEqual(int(1));
		expect(f.run('TTL', 'k')).toEqual(int(30));
		f.set('p', 'v');
		expect(f.run('EXPIRE', 'p', '10', 'NX')).toEqual(int(1));
	});

	it('a refused flag does not delete the key even for a past time', () => {
		const f = fixture();
		f.set('k', 'v');
		expect(f.run('EXPIRE', 'k', '-1', 'XX')).toEqual(int(0));
		expect(f.db().size).toBe(1);
		expect(f.run('EXPIRE', 'k', '-1', 'LT')).toEqual(int(1));
		expect(f.db().size).toBe(0);
	});
});

describe('TTL / PTTL / EXPIRETIME / PEXPIRETIME', () => {
	it('gives -2 for missing, -1 for persistent', () => {
		const f = fixture();
		f.set('p', 'v');
		for (const cmd of ['TTL', 'PTTL', 'EXPIRETIME', 'PEXPIRETIME']) {
			expect(f.run(cmd, 'nokey')).toEqual(int(-2));
			expect(f.run(cmd, 'p')).toEqual(int(-1));
		}
		expect(f.server.stats).toMatchObject({ keyspace_hits: 4, keyspace_misses: 4 });
	});

	it('rounds seconds to nearest, halves up', () => {
		const f = fixture();
		f.set('k', 'v', { px: 1400 });
		expect(f.run('TTL', 'k')).toEqual(int(1));
		expect(f.run('PTTL', 'k')).toEqual(int(1400));
		f.clock.advance(900);
		expect(f.run('TTL', 'k')).toEqual(int(1));
		f.clock.advance(1);
		expect(f.run('TTL', 'k')).toEqual(int(0));
		expect(f.run('PTTL', 'k')).toEqual(int(499));
		f.clock.advance(499);
		expect(f.run('PTTL', 'k')).toEqual(int(0));
		expect(f.run('TTL', 'k')).toEqual(int(0));
		f.clock.advance(1);
		expect(f.run('PTTL', 'k')).toEqual(int(-2));
		expect(f.server.stats.expired_keys).toBe(1);
	});

	it('leaves the LRU clock alone (NOTOUCH)', () => {
		const f = fixture();
		f.set('k', 'v', { px: 100_000 });
		const lru = f.db().dict.get('k')!.lru;
		f.clock.advance(5000);
		f.run('TTL', 'k');
		f.run('PEXPIRETIME', 'k');
		expect(f.db().dict.get('k')!.lru).toBe(lru);
	});
});

describe('PERSIST', () => {
	it('removes a TTL: 1, else 0', () => {
		const f = fixture();
		f.set('k', 'v', { px: 10_000 });
		expect(f.run('PERSIST', 'k')).toEqual(int(1));
		expect(f.run('TTL', 'k')).toEqual(int(-1));
		expect(f.run('PERSIST', 'k')).toEqual(int(0));
		expect(f.run('PERSIST', 'nokey')).toEqual(int(0));
		expect(f.db().volatile).toEqual([]);
	});

	it('cannot rescue a key that already expired', () => {
		const f = fixture();
		f.set('k', 'v', { px: -1 });
		expect(f.run('PERSIST', 'k')).toEqual(int(0));
		expect(f.server.stats.expired_keys).toBe(1);
	});
});
