// Mirrors src/expire.c activeExpireCycle(ACTIVE_EXPIRE_CYCLE_SLOW): the cron job that reclaims
// keys past their TTL that no command has touched.
//
// How Redis does it. serverCron calls the slow cycle `hz` times a second. Each call visits up to
// CRON_DBS_PER_CALL databases round-robin. In each database it walks the expires hash table bucket
// by bucket from a cursor that persists across calls, examining about 20 keys per loop: expired
// ones are deleted, live ones feed the avg_ttl estimate. It loops again while more than 10% of
// what it examined was expired, so a database with a few stale keys is left alone ("tolerates
// ~10% stale"), while a database full of them is drained as fast as the budget allows. The budget
// is time: 25% of the CPU between two cron ticks, 25 ms at hz 10, checked every 16 loops.
//
// How we model time. Virtual time stands still while code runs, so a time limit would never be
// reached. We charge WORK instead, in modelled microseconds: examining a key costs
// ACTIVE_EXPIRE_CYCLE_KEY_COST_US and deleting an expired one ACTIVE_EXPIRE_CYCLE_DELETE_COST_US
// more; stepping over a bucket costs a tenth of a µs (Redis scans empty ones as a run of NULL
// pointers in a cache line, but not for free, and that is what ends a sweep of empty buckets). The
// costs are calibrated so that the facts measured on a real 7.0.15 server at hz 10 hold:
// - 20,000 keys with PX 500, never accessed: one call removes 256 loops × 20 keys = 5,120 keys
//   (5 µs each, 25,600 µs > 25,000 at the 16th-loop check), so the ticks at 0.6, 0.7, 0.8 and
//   0.9 s clear them all: gone within ~0.9 s.
// - 40,000 keys, 20,000 volatile, 2,000 of those expired (10% stale): a 20-key loop holds more
//   than 2 stale keys (and so repeats) about a third of the time, so a call examines ~30 keys and
//   removes ~3: ~30 keys a second. The budget never binds here; the stale gate does.
// The work spent is kept in stats.expire_cycle_work, and expire_cycle_cpu_milliseconds is its
// total in ms, as Redis's expire_cycle_cpu_milliseconds is the cycle's real time.
//
// How we model the hash table. `db.volatile` is a dense array in creation order (perturbed by
// swap-removes), while a hash table is sparse and in hash order. We treat the table as
// tableSlots(#volatile) buckets (memory.ts: the next power of two, at least 4), computed afresh
// for every loop — as if the dict shrank at once, where Redis waits for databasesCron to resize
// it. Bucket b holds the key at position perm(b) if that position is filled, else nothing; perm
// is a fixed integer-hash bijection on the power of two (bucketPosition). So the sweep is sequential — every key is visited once per lap, from a cursor kept per
// DB — yet decorrelated from creation order, as hash order is: 2,000 short-TTL keys created in a
// row still look like 10% stale to every 20-key loop. A consequence: the table is always at least
// 25% full, so Redis's "more than 4 slots and under 1% full: skip this DB" never fires here.
//
// The fast cycle (beforeSleep, 1 ms budget) is not modelled. It runs only after a cycle that hit
// its time limit: its other trigger compares stat_expired_stale_perc, a fraction, with a
// percentage, and never fires (measured on 7.0.15). On an idle server it would add ~1 ms per cron
// tick to a 25 ms slow cycle, which changes none of the behaviour a learner can see.
import { deleteExpiredKey, type Db } from './keyspace.ts';
import { tableSlots } from './memory.ts';
import type { Server } from './server.ts';

export const ACTIVE_EXPIRE_CYCLE_KEYS_PER_LOOP = 20; /* Keys for each DB loop. */
export const ACTIVE_EXPIRE_CYCLE_SLOW_TIME_PERC = 25; /* Max % of CPU to use. */
export const ACTIVE_EXPIRE_CYCLE_ACCEPTABLE_STALE = 10; /* % of stale keys after which we do extra efforts. */
export const CRON_DBS_PER_CALL = 16;
const DICT_HT_INITIAL_SIZE = 4;
/** Modelled cost of examining one key in the sweep, in µs. */
export const ACTIVE_EXPIRE_CYCLE_KEY_COST_US = 1;
/** Extra modelled cost of deleting an expired key (free + propagate DEL + notify), in µs. */
export const ACTIVE_EXPIRE_CYCLE_DELETE_COST_US = 4;
/** Modelled cost of stepping over one bucket: small, but it keeps every loop finite. */
export const ACTIVE_EXPIRE_CYCLE_BUCKET_COST_US = 0.1;

/**
 * The bucket-to-position permutation, standing in for hash order. Multiplying by an odd number and
 * xor-ing in a right shift are both bijections on b-bit integers, so `slots` consecutive cursors
 * visit every position once; a few rounds make the order look random, as a hash function does.
 * (A bare golden-ratio stride is a permutation too, but too evenly spread: every 20-key loop would
 * hold exactly the average share of stale keys, and the stale gate would never repeat a loop.)
 */
export function bucketPosition(cursor: number, slots: number): number {
	const mask = slots - 1;
	const bits = 31 - Math.clz32(slots);
	const shift = Math.max(1, bits >> 1);
	let x = cursor & mask;
	x = Math.imul(x, 0x9e3779b1) & mask;
	x ^= x >>> shift;
	x = Math.imul(x, 0x85ebca6b) & mask;
	x ^= x >>> shift;
	x = Math.imul(x, 0xc2b2ae35) & mask;
	x ^= x >>> shift;
	return x;
}

interface LoopResult {
	sampled: number;
	expired: number;
	work: number;
}

/** One pass of the per-DB do-while: walk buckets until `num` keys are sampled (or 20×num buckets). */
function sweep(server: Server, db: Db, num: number): LoopResult {
	const now = server.now();
	const slots = tableSlots(db.expires.size);
	const maxBuckets = num * 20;
	let checkedBuckets = 0;
	let sampled = 0;
	let expired = 0;
	let work = 0;
	let ttlSum = 0;
	let ttlSamples = 0;
	while (sampled < num && checkedBuckets < maxBuckets) {
		const pos = bucketPosition(db.expiresCursor, slots);
		checkedBuckets++;
		work += ACTIVE_EXPIRE_CYCLE_BUCKET_COST_US;
		const key = db.volatile[pos];
		if (key !== undefined) {
			const when = db.expires.get(key)!;
			const ttl = when - now;
			work += ACTIVE_EXPIRE_CYCLE_KEY_COST_US;
			if (now > when) {
				deleteExpiredKey(server, db, key, 'active');
				work += ACTIVE_EXPIRE_CYCLE_DELETE_COST_US;
				expired++;
			}
			if (ttl > 0) {
				ttlSum += ttl;
				ttlSamples++;
			}
			sampled++;
		}
		db.expiresCursor = (db.expiresCursor + 1) >>> 0;
	}
	if (ttlSamples > 0) {
		// A running average weighing this sample 2%, in Redis's integer maths.
		const avg = Math.trunc(ttlSum / ttlSamples);
		if (db.avgTtl === 0) db.avgTtl = avg;
		db.avgTtl = Math.trunc(db.avgTtl / 50) * 49 + Math.trunc(avg / 50);
	}
	return { sampled, expired, work };
}

/**
 * One slow cycle, as serverCron runs it `hz` times a second. Deletes expired keys (emitting
 * `expired` events with how 'active'), updates avg_ttl, expired_stale_perc and
 * expired_time_cap_reached_count, and emits one `active-expire-cycle` event when it examined any
 * key. The caller decides whether it runs at all (DEBUG SET-ACTIVE-EXPIRE, DEBUG SLEEP).
 */
export function activeExpireCycle(server: Server): void {
	const effort = server.config['active-expire-effort'] - 1;
	const keysPerLoop =
		ACTIVE_EXPIRE_CYCLE_KEYS_PER_LOOP + Math.floor(ACTIVE_EXPIRE_CYCLE_KEYS_PER_LOOP / 4) * effort;
	const slowTimePerc = ACTIVE_EXPIRE_CYCLE_SLOW_TIME_PERC + 2 * effort;
	const acceptableStale = ACTIVE_EXPIRE_CYCLE_ACCEPTABLE_STALE - effort;
	const state = server.activeExpire;
	const dbnum = server.dbs.length;
	const dbsPerCall = CRON_DBS_PER_CALL > dbnum || state.timelimitExit ? dbnum : CRON_DBS_PER_CALL;
	const timelimit = Math.max(
		1,
		Math.floor(Math.floor((slowTimePerc * 1_000_000) / server.config.hz) / 100),
	);
	state.timelimitExit = false;

	let iteration = 0;
	let elapsed = 0;
	let totalSampled = 0;
	let totalExpired = 0;
	for (let j = 0; j < dbsPerCall && !state.timelimitExit; j++) {
		const db = server.dbs[state.currentDb % dbnum]!;
		// Advance now, so running out of time in this DB restarts from the next one.
		state.currentDb = (state.currentDb + 1) % dbnum;
		let loop: LoopResult = { sampled: 0, expired: 0, work: 0 };
		do {
			iteration++;
			const num = db.expires.size;
			if (num === 0) {
				db.avgTtl = 0;
				break;
			}
			const slots = tableSlots(num);
			if (slots > DICT_HT_INITIAL_SIZE && Math.floor((num * 100) / slots) < 1) break;
			loop = sweep(server, db, Math.min(num, keysPerLoop));
			elapsed += loop.work;
			totalSampled += loop.sampled;
			totalExpired += loop.expired;
			if ((iteration & 0xf) === 0 && elapsed > timelimit) {
				state.timelimitExit = true;
				server.stats.expired_time_cap_reached_count++;
				break;
			}
		} while (
			loop.sampled === 0 ||
			Math.floor((loop.expired * 100) / loop.sampled) > acceptableStale
		);
	}

	const stats = server.stats;
	stats.expire_cycle_work += elapsed;
	stats.expire_cycle_cpu_milliseconds = Math.floor(stats.expire_cycle_work / 1000);
	const currentPerc = totalSampled > 0 ? totalExpired / totalSampled : 0;
	stats.expired_stale_perc = currentPerc * 0.05 + stats.expired_stale_perc * 0.95;
	if (totalSampled > 0 && server.events.active)
		server.events.emit({
			type: 'active-expire-cycle',
			at: server.now(),
			sampled: totalSampled,
			expired: totalExpired,
		});
}
