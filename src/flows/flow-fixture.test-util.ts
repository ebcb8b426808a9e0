// Test helper: one engine, one database and a lane's FlowDeps on a fresh virtual clock.
import { createDatabase } from '../db/database.ts';
import { createEngine, Random, VirtualClock } from '../engine/index.ts';
import { createCacheClient } from './cache-client.ts';
import type { FlowDeps } from './flow-deps.ts';

export function flowFixture(seed = 1) {
	const clock = new VirtualClock();
	const engine = createEngine({ clock, seed });
	const db = createDatabase({ now: () => clock.now(), seed, latency: { jitterMs: 0 } });
	const random = new Random(seed);
	const lane = (): FlowDeps => ({
		cache: createCacheClient({ client: engine.connect(), random, jitterMs: 0 }),
		db,
		token: () => random.uint32().toString(16).padStart(8, '0'),
	});
	return { clock, engine, db, lane };
}
