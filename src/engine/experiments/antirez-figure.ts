// Mirrors utils/lru/test-lru.rb, the script behind the LRU figure in Redis's docs: fill under
// maxmemory 2000000 with allkeys-lru until the first eviction, GET every key in order, then add keys
// until half of the old ones had to go. Returns each key's fate and the figure's numbers.
import { VirtualClock } from '../clock.ts';
import { DEFAULT_CONFIG } from '../config.ts';
import { initialLru, lookupKeyRead, setKey } from '../keyspace.ts';
import { createString } from '../object.ts';
import { Random } from '../random.ts';
import { Server } from '../server.ts';
import { makeEvictor, type FigureVariant } from './figure-evictors.ts';

export interface FigureOptions {
	readonly variant?: FigureVariant;
	readonly samples?: number;
	readonly seed?: number;
	readonly maxmemory?: number;
	/** LRU_CLOCK_RESOLUTION: antirez compiled 1 ms "so that all the objects have a different enough time stamp". */
	readonly lruResolutionMs?: number;
	/** Virtual time between GETs (the script sleeps 1 ms) and between added SETs (a round trip). */
	readonly accessGapMs?: number;
	readonly addGapMs?: number;
}

export type KeyFate = 'old-evicted' | 'old-kept' | 'added-evicted' | 'added-kept';

export interface FigureSummary {
	/** % of the oldest `half` old keys evicted, half = ⌊keys after the fill / 2⌋ (theory: 100). */
	readonly oldestHalfEvicted: number;
	/** % of the remaining, newer old keys evicted (theory: 0). */
	readonly newerHalfEvicted: number;
	readonly addedEvicted: number;
	/** test-lru.rb's weighted error, % of the maximum. */
	readonly errorPercent: number;
	/** % evicted in each tenth of the old keys, oldest first. */
	readonly decilesEvicted: readonly number[];
}

export interface FigureResult {
	readonly variant: FigureVariant;
	readonly samples: number;
	readonly oldKeys: number;
	readonly addedKeys: number;
	/** fates[i] is key `i + 1`'s. */
	readonly fates: readonly KeyFate[];
	readonly summary: FigureSummary;
}

export function antirezFigure(options: FigureOptions = {}): FigureResult {
	const variant = options.variant ?? 'pool';
	const samples = options.samples ?? 5;
	const server = new Server(
		new VirtualClock(),
		{
			...DEFAULT_CONFIG,
			maxmemory: options.maxmemory ?? 2_000_000,
			'maxmemory-policy': variant === 'random' ? 'allkeys-random' : 'allkeys-lru',
			'maxmemory-samples': samples,
			// One key per SET is all any step frees; no time budget is ever reached.
			'maxmemory-eviction-tenacity': 100,
		},
		new Random(options.seed ?? 1),
	);
	server.lruResolutionMs = options.lruResolutionMs ?? 1;
	const db = server.dbs[0]!;
	const evictor = makeEvictor(server, variant);
	const set = (id: number) => {
		evictor.beforeWrite();
		setKey(server, db, String(id), createString('foo', initialLru(server)));
		evictor.touched(String(id));
	};

	// Fill until a SET leaves DBSIZE unchanged: the first eviction.
	let id = 0;
	for (let size = 0; ;) {
		set(++id);
		if (db.size === size) break;
		size = db.size;
	}
	const oldKeys = id;
	const half = Math.floor(db.size / 2);

	// Access in order, so that key 1 is the least recently used. The limit is lifted for this
	// phase, as when re-measuring the figure on real Redis, where used_memory creeps over the limit
	// and evicts before the GETs (GETs allocate nothing here anyway).
	for (let k = 1; k <= oldKeys; k++) {
		server.clock.advance(options.accessGapMs ?? 1);
		if (lookupKeyRead(server, db, String(k))) evictor.touched(String(k));
	}

	// The clock moves in whole milliseconds: carry the fractions of a round trip over.
	let carry = 0;
	while (server.stats.evicted_keys < half) {
		carry += options.addGapMs ?? 0.05;
		if (carry >= 1) {
			server.clock.advance(Math.floor(carry));
			carry -= Math.floor(carry);
		}
		set(++id);
	}

	const fates: KeyFate[] = [];
	for (let k = 1; k <= id; k++) {
		const kept = db.dict.has(String(k));
		fates.push(
			k <= oldKeys ? (kept ? 'old-kept' : 'old-evicted') : kept ? 'added-kept' : 'added-evicted',
		);
	}
	return {
		variant,
		samples,
		oldKeys,
		addedKeys: id - oldKeys,
		fates,
		summary: summarize(fates, oldKeys, half),
	};
}

const pct = (n: number, of: number) => (of === 0 ? 0 : (100 * n) / of);

/** `mid` is the script's `half`: how many keys had to go, so true LRU scores exactly 100 / 0. */
function summarize(fates: readonly KeyFate[], oldKeys: number, mid: number): FigureSummary {
	const evictedIn = (from: number, to: number) => {
		let n = 0;
		for (let i = from; i < to; i++) if (fates[i] === 'old-evicted') n++;
		return pct(n, to - from);
	};
	const added = fates.slice(oldKeys);
	const decilesEvicted = Array.from({ length: 10 }, (_, d) =>
		evictedIn(Math.floor((d * oldKeys) / 10), Math.floor(((d + 1) * oldKeys) / 10)),
	);
	return {
		oldestHalfEvicted: evictedIn(0, mid),
		newerHalfEvicted: evictedIn(mid, oldKeys),
		addedEvicted: pct(added.filter((f) => f === 'added-evicted').length, added.length),
		errorPercent: testLruError(fates, oldKeys),
		decilesEvicted,
	};
}

/**
 * test-lru.rb's error: each key of the oldest half still present costs more the older it is.
 * (The script's loop stops at old/2, so the newer half never adds to it; we keep that quirk.)
 */
function testLruError(fates: readonly KeyFate[], oldKeys: number): number {
	const perKey = 100000 / oldKeys;
	const halfSize = Math.floor(oldKeys / 2);
	let errors = 0;
	let maxErr = 0;
	for (let id = 1; id <= halfSize; id++) {
		const exists = fates[id - 1] === 'old-kept';
		const weight =
			perKey * (id < halfSize ? (halfSize - id) / halfSize : (id - halfSize) / halfSize);
		maxErr += weight;
		if (id < halfSize ? exists : !exists) errors += weight;
	}
	return maxErr === 0 ? 0 : (errors * 100) / maxErr;
}
