// The eviction strategies antirez's LRU figure compares: Redis's own
// performEvictions (pool, or allkeys-random), Redis 2.8's best-of-N without a pool, and the
// theoretical LRU that always evicts the least recently used key.
import { performEvictions } from '../evict.ts';
import { estimateObjectIdleTime } from '../evict-pool.ts';
import { dbDelete } from '../keyspace.ts';
import type { Server } from '../server.ts';
import { usedMemory } from '../stats.ts';

export type FigureVariant = 'pool' | 'no-pool' | 'true-lru' | 'random';

export interface Evictor {
	/** Runs where processCommand runs performEvictions: before each SET. */
	beforeWrite(): void;
	/** A key was created or read (SET, GET). */
	touched(key: string): void;
}

export function makeEvictor(server: Server, variant: FigureVariant): Evictor {
	if (variant === 'pool' || variant === 'random')
		return { beforeWrite: () => void performEvictions(server), touched: () => {} };
	return variant === 'true-lru' ? trueLru(server) : bestOfN(server);
}

function evictOne(server: Server, key: string): void {
	dbDelete(server, server.dbs[0]!, key);
	server.stats.evicted_keys++;
}

/** Redis 2.8: maxmemory-samples independent dictGetRandomKey draws, evict the idlest, no memory. */
function bestOfN(server: Server): Evictor {
	const db = server.dbs[0]!;
	return {
		beforeWrite() {
			while (usedMemory(server) > server.config.maxmemory && db.keys.length > 0) {
				let best = '';
				let bestIdle = -1;
				for (let i = 0; i < server.config['maxmemory-samples']; i++) {
					const key = db.keys[server.rng.int(db.keys.length)]!;
					const idle = estimateObjectIdleTime(server, db.dict.get(key)!.lru);
					if (idle > bestIdle) [best, bestIdle] = [key, idle];
				}
				evictOne(server, best);
			}
		},
		touched() {},
	};
}

/** The theoretical panel: a Map in access order is an exact LRU list (oldest first). */
function trueLru(server: Server): Evictor {
	const order = new Map<string, true>();
	return {
		beforeWrite() {
			while (usedMemory(server) > server.config.maxmemory && order.size > 0) {
				const oldest = order.keys().next().value as string;
				order.delete(oldest);
				evictOne(server, oldest);
			}
		},
		touched(key) {
			order.delete(key);
			order.set(key, true);
		},
	};
}
