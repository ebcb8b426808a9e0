// Mirrors processCommand's maxmemory step (src/server.c) and GET/SET (src/t_string.c) for the
// hit-rate sweep: every policy × cache size replays one shared trace on a fresh Server through the
// engine's own performEvictions, lookupKeyRead, setKey, setExpire and active expire cycle.
import { VirtualClock } from '../clock.ts';
import { DEFAULT_CONFIG, type MaxmemoryPolicy } from '../config.ts';
import { performEvictions } from '../evict.ts';
import { activeExpireCycle } from '../expire.ts';
import { initialLru, lookupKeyRead, lookupKeyWrite, setExpire, setKey } from '../keyspace.ts';
import { createString } from '../object.ts';
import { Random } from '../random.ts';
import { Server } from '../server.ts';
import { usedMemory } from '../stats.ts';
import { beladyTraceHits, trueLruTraceHits } from './reference-curves.ts';
import { generateTrace, keyTable, OP_GET, type Trace, type WorkloadOptions } from './workload.ts';

/** Every maxmemory-policy, in the order the Labs table lists them. */
export const SWEEP_POLICIES: readonly MaxmemoryPolicy[] = [
	'allkeys-lru',
	'allkeys-lfu',
	'allkeys-random',
	'volatile-lru',
	'volatile-lfu',
	'volatile-random',
	'volatile-ttl',
	'noeviction',
];

export const SWEEP_SIZES: readonly number[] = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5];

export type SweepPolicy = MaxmemoryPolicy | 'true-lru' | 'belady';
export const REFERENCE_POLICIES = ['true-lru', 'belady'] as const;

export interface SweepOptions {
	readonly workload: WorkloadOptions;
	/** Cache sizes as fractions of the working set (bytes for the engine, keys for the references). */
	readonly sizes?: readonly number[];
	readonly policies?: readonly MaxmemoryPolicy[];
	/** maxmemory-samples (default 5). */
	readonly samples?: number;
	/** Also run true LRU and Belady (default true). */
	readonly references?: boolean;
	/**
	 * LRU_CLOCK_RESOLUTION in ms (default 1, as antirez compiled the server of his LRU figure):
	 * at Redis's shipped 1000 a second's worth of requests share one stamp.
	 */
	readonly lruResolutionMs?: number;
}

export interface SweepJob {
	readonly policy: SweepPolicy;
	readonly size: number;
	readonly samples: number;
	readonly lruResolutionMs: number;
}

export interface SweepCell {
	readonly policy: SweepPolicy;
	readonly size: number;
	/** Hits / GETs. */
	readonly hitRate: number;
	readonly evictedKeys: number;
	/** Every request of the trace, reads and writes. */
	readonly requests: number;
	/** SETs (fills and writes) refused with OOM: the volatile-* policies with no TTL, noeviction. */
	readonly refusedWrites: number;
}

export interface SweepResult {
	readonly seed: number;
	readonly sizes: readonly number[];
	readonly cells: readonly SweepCell[];
	readonly workingSetBytes: number;
}

export function sweepJobs(o: SweepOptions): SweepJob[] {
	const policies: SweepPolicy[] = [...(o.policies ?? SWEEP_POLICIES)];
	if (o.references ?? true) policies.push(...REFERENCE_POLICIES);
	const samples = o.samples ?? DEFAULT_CONFIG['maxmemory-samples'];
	const lruResolutionMs = o.lruResolutionMs ?? 1;
	return policies.flatMap((policy) =>
		(o.sizes ?? SWEEP_SIZES).map((size) => ({ policy, size, samples, lruResolutionMs })),
	);
}

/** A trace with what every job needs from it, computed once: key strings, value, the bytes. */
export interface PreparedTrace extends Trace {
	readonly keyNames: readonly string[];
	readonly value: string;
	readonly workingSetBytes: number;
	readonly gapMs: number;
}

export function prepareTrace(trace: Trace): PreparedTrace {
	const o = trace.options;
	const keyNames = keyTable(trace.keys);
	const value = 'v'.repeat(o.valueBytes ?? 16);
	const gapMs = 1000 / (o.requestsPerSecond ?? 1000);
	const prepared = { ...trace, keyNames, value, gapMs, workingSetBytes: 0 };
	// Measured, not computed: all N keys on an empty server, as the engine accounts them.
	const server = newServer('allkeys-lru', 0, 5, 1, o.seed);
	const db = server.dbs[0]!;
	const baseline = usedMemory(server);
	for (let k = 0; k < trace.keys; k++) {
		setKey(server, db, keyNames[k]!, createString(value, initialLru(server)));
		if (trace.volatile[k]) setExpire(server, db, keyNames[k]!, server.now() + ttlMs(trace));
	}
	return { ...prepared, workingSetBytes: usedMemory(server) - baseline };
}

const ttlMs = (trace: Trace) => (trace.options.ttlSeconds ?? 60) * 1000;

function newServer(
	policy: MaxmemoryPolicy,
	maxmemory: number,
	samples: number,
	lruResolutionMs: number,
	seed: number,
): Server {
	const config = {
		...DEFAULT_CONFIG,
		maxmemory,
		'maxmemory-policy': policy,
		'maxmemory-samples': samples,
	};
	const server = new Server(new VirtualClock(), config, new Random(seed));
	server.lruResolutionMs = lruResolutionMs;
	return server;
}

/** maxmemory for a cache size: that fraction of the working set on top of the empty server. */
export function maxmemoryFor(trace: PreparedTrace, size: number): number {
	const server = newServer('noeviction', 0, 5, 1, 1);
	return Math.floor(size * trace.workingSetBytes) + usedMemory(server);
}

export interface IntervalPoint {
	/** Virtual seconds since the start, at the end of the interval. */
	readonly t: number;
	readonly hitRate: number;
	readonly gets: number;
	readonly evictedKeys: number;
	readonly refusedWrites: number;
	readonly usedMemory: number;
	readonly dbsize: number;
}

interface Replay {
	readonly hits: number;
	readonly gets: number;
	readonly evictedKeys: number;
	readonly refusedWrites: number;
	readonly points: IntervalPoint[];
}

/**
 * Replays the trace: each request runs performEvictions as processCommand does; a GET that misses
 * is followed by the SET that fills it (cache-aside), and a SET refused with OOM is counted.
 */
function replay(
	trace: PreparedTrace,
	policy: MaxmemoryPolicy,
	size: number,
	samples: number,
	lruResolutionMs: number,
	intervalRequests = 0,
): Replay {
	const server = newServer(
		policy,
		maxmemoryFor(trace, size),
		samples,
		lruResolutionMs,
		trace.options.seed,
	);
	const db = server.dbs[0]!;
	const clock = server.clock;
	const cron = () => {
		activeExpireCycle(server);
		clock.setTimeout(cron, 1000 / server.config.hz);
	};
	clock.setTimeout(cron, 1000 / server.config.hz);
	const { ids, ops, volatile, keyNames, value, gapMs } = trace;
	const ttl = ttlMs(trace);
	let hits = 0;
	let gets = 0;
	let refused = 0;
	const set = (id: number): void => {
		if (performEvictions(server) === 'fail') {
			refused++;
			return;
		}
		const key = keyNames[id]!;
		lookupKeyWrite(server, db, key);
		setKey(server, db, key, createString(value, initialLru(server)));
		if (volatile[id]) setExpire(server, db, key, server.now() + ttl);
	};
	const points: IntervalPoint[] = [];
	let mark = { hits: 0, gets: 0, evicted: 0, refused: 0 };
	let carry = 0;
	for (let i = 0; i < ids.length; i++) {
		const id = ids[i]!;
		if (ops[i] === OP_GET) {
			gets++;
			performEvictions(server);
			if (lookupKeyRead(server, db, keyNames[id]!) !== null) hits++;
			else set(id);
		} else {
			set(id);
		}
		// Whole milliseconds only: the virtual clock keeps Redis's mstime() granularity.
		carry += gapMs;
		if (carry >= 1) {
			const whole = Math.floor(carry);
			clock.advance(whole);
			carry -= whole;
		}
		if (intervalRequests > 0 && ((i + 1) % intervalRequests === 0 || i + 1 === ids.length)) {
			const evicted = server.stats.evicted_keys;
			const g = gets - mark.gets;
			points.push({
				t: ((i + 1) * gapMs) / 1000,
				hitRate: g ? (hits - mark.hits) / g : 0,
				gets: g,
				evictedKeys: evicted - mark.evicted,
				refusedWrites: refused - mark.refused,
				usedMemory: usedMemory(server),
				dbsize: db.size,
			});
			mark = { hits, gets, evicted, refused };
		}
	}
	return { hits, gets, evictedKeys: server.stats.evicted_keys, refusedWrites: refused, points };
}

/** One cell of the sweep: a policy (or a reference cache) at one size. */
export function runSweepJob(trace: PreparedTrace, job: SweepJob): SweepCell {
	const requests = trace.ids.length;
	if (job.policy === 'true-lru' || job.policy === 'belady') {
		const capacity = Math.floor(job.size * trace.keys);
		const r =
			job.policy === 'true-lru'
				? trueLruTraceHits(trace.ids, trace.ops, trace.keys, capacity)
				: beladyTraceHits(trace.ids, trace.ops, trace.keys, capacity);
		return {
			policy: job.policy,
			size: job.size,
			hitRate: r.gets ? r.hits / r.gets : 0,
			evictedKeys: r.evicted,
			requests,
			refusedWrites: 0,
		};
	}
	const r = replay(trace, job.policy, job.size, job.samples, job.lruResolutionMs);
	return {
		policy: job.policy,
		size: job.size,
		hitRate: r.gets ? r.hits / r.gets : 0,
		evictedKeys: r.evictedKeys,
		requests,
		refusedWrites: r.refusedWrites,
	};
}

export function runSweep(
	o: SweepOptions,
	onCell?: (cell: SweepCell, done: number, total: number) => void,
): SweepResult {
	const trace = prepareTrace(generateTrace(o.workload));
	const jobs = sweepJobs(o);
	const cells = jobs.map((job, i) => {
		const cell = runSweepJob(trace, job);
		onCell?.(cell, i + 1, jobs.length);
		return cell;
	});
	return sweepResult(o, trace.workingSetBytes, cells);
}

/** The result in a stable order (the jobs' order), whichever worker finished which cell first. */
export function sweepResult(
	o: SweepOptions,
	workingSetBytes: number,
	cells: readonly SweepCell[],
): SweepResult {
	const order = sweepJobs(o);
	const at = (c: SweepCell) => order.findIndex((j) => j.policy === c.policy && j.size === c.size);
	return {
		seed: o.workload.seed,
		sizes: o.sizes ?? SWEEP_SIZES,
		cells: [...cells].sort((a, b) => at(a) - at(b)),
		workingSetBytes,
	};
}

export interface HitRateOverTime {
	readonly policy: MaxmemoryPolicy;
	readonly size: number;
	readonly hitRate: number;
	readonly points: readonly IntervalPoint[];
}

/** One policy at one size, the hit rate per `intervalRequests` requests (default 20 points). */
export function hitRateOverTime(
	o: SweepOptions,
	policy: MaxmemoryPolicy,
	size: number,
	intervalRequests?: number,
): HitRateOverTime {
	const trace = prepareTrace(generateTrace(o.workload));
	const every = intervalRequests ?? Math.max(1, Math.ceil(trace.ids.length / 20));
	const r = replay(
		trace,
		policy,
		size,
		o.samples ?? DEFAULT_CONFIG['maxmemory-samples'],
		o.lruResolutionMs ?? 1,
		every,
	);
	return { policy, size, hitRate: r.gets ? r.hits / r.gets : 0, points: r.points };
}
