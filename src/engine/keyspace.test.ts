// The keyspace's bookkeeping under a random mix of the commands that add, replace, move, touch and
// delete keys: every key sits at its object's slot, and the packed LRU array the eviction sampler
// reads holds exactly the object's `lru` field there.
import { describe, expect, it } from 'vitest';
import { fixture, type Fixture } from './commands/fixture.test-util.ts';
import { Random } from './random.ts';
import { usedMemory } from './stats.ts';

function checkSlots(f: Fixture): void {
	for (const db of f.server.dbs) {
		expect(db.keys.length).toBe(db.dict.size);
		db.keys.forEach((key, slot) => {
			const obj = db.dict.get(key);
			expect(obj?.slot, `${key} in db ${db.id}`).toBe(slot);
			expect(db.lruBySlot[slot], `lru of ${key} in db ${db.id}`).toBe(obj!.lru);
		});
	}
}

/**
 * A key has a TTL exactly when it is in its database's volatile list, and then its object's
 * `expire` holds the time (the expires dict's value lives on the object); any other object's is
 * -1 or, for a string that never had one, absent.
 */
function checkTtls(f: Fixture): void {
	for (const db of f.server.dbs) {
		expect(db.volatileSlot.size).toBe(db.volatile.length);
		expect(db.expires.size).toBe(db.volatile.length);
		db.volatile.forEach((key, i) => expect(db.volatileSlot.get(key), key).toBe(i));
		for (const [key, obj] of db.dict) {
			const when = obj.expire;
			const timed = when !== undefined && when !== -1;
			expect(timed, `${key} in db ${db.id}`).toBe(db.volatileSlot.has(key));
			expect(db.expires.get(key)).toBe(timed ? when : undefined);
		}
		expect([...db.expires].map(([key]) => key)).toEqual(db.volatile);
	}
}

/** The commands that give, keep, move, copy and drop TTLs, on strings and the other types. */
function ttlLine(rng: Random): string[] {
	const key = () => `k${rng.int(12)}`;
	const ms = () => String(1 + rng.int(3000));
	switch (rng.int(22)) {
		case 0:
			return ['SET', key(), 'v'];
		case 1:
			return ['SETEX', key(), String(1 + rng.int(3)), 'v'];
		case 2:
			return ['SET', key(), 'w', 'KEEPTTL'];
		case 3:
			return ['SET', key(), 'w', 'PX', ms()];
		case 4:
			return ['PEXPIRE', key(), ms()];
		case 5:
			return ['PERSIST', key()];
		case 6:
			return ['GETEX', key(), rng.int(2) === 0 ? 'PERSIST' : 'PX', ms()].slice(0, 3 + rng.int(2));
		case 7:
			return ['INCR', key()];
		case 8:
			return ['INCRBYFLOAT', key(), '1.5'];
		case 9:
			return ['APPEND', key(), 'x'];
		case 10:
			return ['SETRANGE', key(), String(rng.int(4)), 'yz'];
		case 11:
			return ['RENAME', key(), key()];
		case 12:
			return ['COPY', key(), key(), 'DB', String(rng.int(2)), 'REPLACE'];
		case 13:
			return ['MOVE', key(), '1'];
		case 14:
			return ['SWAPDB', '0', '1'];
		case 15:
			return ['SELECT', String(rng.int(2))];
		case 16:
			return ['RPUSH', key(), 'a', 'b'];
		case 17:
			return ['SADD', key(), 'a', 'b', 'c'];
		case 18:
			return ['SPOP', key(), '1'];
		case 19:
			return ['ZADD', key(), String(rng.int(9)), 'm'];
		case 20:
			return ['HSET', key(), 'f', 'v'];
		default:
			return rng.int(10) === 0 ? ['DEBUG', 'RELOAD'] : ['DEL', key()];
	}
}

function randomLine(rng: Random): string[] {
	const key = () => `k${rng.int(40)}`;
	const pick = rng.int(14);
	switch (pick) {
		case 0:
			return ['SET', key(), `v${rng.int(1000)}`];
		case 1:
			return ['GET', key()];
		case 2:
			return ['DEL', key()];
		case 3:
			return ['RENAME', key(), key()];
		case 4:
			return ['COPY', key(), key(), 'DB', String(rng.int(2)), 'REPLACE'];
		case 5:
			return ['MOVE', key(), '1'];
		case 6:
			return ['SELECT', String(rng.int(2))];
		case 7:
			return ['INCR', `n${rng.int(5)}`];
		case 8:
			return ['APPEND', key(), 'x'];
		case 9:
			return ['HSET', `h${rng.int(5)}`, `f${rng.int(3)}`, 'v'];
		case 10:
			return ['PEXPIRE', key(), String(1 + rng.int(50))];
		case 11:
			return ['DEBUG', 'SLEEP', '0.01'];
		case 12:
			return ['TOUCH', key(), key()];
		default:
			return rng.int(20) === 0 ? ['FLUSHDB'] : ['MSET', key(), 'a', key(), 'b'];
	}
}

describe('TTLs kept on the objects', () => {
	it('match the volatile list through 4,000 commands that give, keep, move and drop them', () => {
		const f = fixture({ seed: 3 });
		const rng = new Random(9);
		let expired = 0;
		for (let i = 0; i < 4000; i++) {
			f.clock.advance(rng.int(4) * 250);
			f.run(...ttlLine(rng));
			checkTtls(f);
			expired = f.server.stats.expired_keys;
		}
		// The mix reaches every path: keys expire (lazily and in the sweep) and survive moves.
		expect(expired).toBeGreaterThan(50);
		expect(f.db(0).volatile.length + f.db(1).volatile.length).toBeGreaterThan(0);
	});
});

describe('slots and the packed LRU array', () => {
	it.each(['allkeys-lru', 'allkeys-lfu', 'volatile-ttl'])(
		'stay in step with the dict through 3,000 commands under %s with evictions',
		(policy) => {
			const f = fixture({ seed: 11 });
			const rng = new Random(5);
			f.run('CONFIG', 'SET', 'maxmemory-policy', policy);
			for (let i = 0; i < 3000; i++) {
				f.clock.advance(rng.int(3) * 700);
				// From here on, most writes evict: the limit sits a few keys under what is used.
				if (i === 1000) f.run('CONFIG', 'SET', 'maxmemory', String(usedMemory(f.server) - 400));
				f.run(...randomLine(rng));
				if (i % 50 === 0) checkSlots(f);
			}
			checkSlots(f);
			expect(f.server.stats.evicted_keys).toBeGreaterThan(20);
		},
	);

	it('grows past its initial capacity and keeps every slot', () => {
		const f = fixture();
		for (let i = 0; i < 5000; i++) f.set(`key:${i}`, 'v');
		for (let i = 0; i < 5000; i += 3) f.run('DEL', `key:${i}`);
		for (let i = 0; i < 5000; i += 7) f.run('GET', `key:${i}`);
		checkSlots(f);
		expect(f.db().lruBySlot.length).toBeGreaterThanOrEqual(f.db().keys.length);
	});
});
