// The mock slow database: a seeded `users` table behind a latency model. Every call returns at
// once with its rows and how long a real one would have taken (`latencyMs`); nothing sleeps. A
// write is visible from the moment it is issued, which keeps the race stories easy to read.
import { Prng } from '../lib/prng.ts';
import { DEFAULT_LATENCY, LatencyModel, type LatencyConfig, type LatencyState } from './latency.ts';
import { selectUserSql, updateUserSql } from './sql.ts';
import { generateUsers, USER_COUNT, type User, type UserChanges } from './users.ts';

export interface QueryResult {
	readonly sql: string;
	readonly rows: readonly User[];
	readonly latencyMs: number;
	readonly issuedAt: number;
	readonly startAt: number;
	readonly finishAt: number;
	readonly queuedMs: number;
	/** Set when the query failed (the database is offline); rows are then empty. */
	readonly error?: string;
}

export interface QueryLogEntry {
	readonly at: number;
	readonly sql: string;
	readonly latencyMs: number;
	readonly queuedMs: number;
	readonly ok: boolean;
}

export interface DatabaseStats {
	readonly queries: number;
	readonly reads: number;
	readonly writes: number;
	readonly failed: number;
	/** Connection time spent serving queries, summed over the pool. */
	readonly busyMs: number;
	readonly queueLength: number;
	readonly maxQueueLength: number;
	readonly inFlight: number;
}

export interface DatabaseOptions {
	/** The virtual clock's reading (the database cannot import the engine, only be told the time). */
	readonly now: () => number;
	readonly seed?: number;
	readonly rows?: number;
	readonly latency?: Partial<LatencyConfig>;
	/** How many log entries to keep (the counters count everything). */
	readonly logLimit?: number;
}

/** Everything needed to continue a database exactly where it was: rows, PRNG, queue, counters. */
export interface DatabaseSnapshot {
	readonly rows: readonly User[];
	readonly prng: number;
	readonly latency: LatencyState;
	readonly log: readonly QueryLogEntry[];
	readonly issued: readonly number[];
	readonly counts: { reads: number; writes: number; failed: number };
	readonly isOffline: boolean;
}

export interface Database {
	/** `SELECT * FROM users WHERE id = …`: zero or one row. */
	select(id: number): QueryResult;
	/** `UPDATE users SET … WHERE id = …`: bumps version, stamps updated_at; returns the new row. */
	update(id: number, changes: UserChanges): QueryResult;
	/** The row as it is now, without a query: the invariant monitor's view of the truth. */
	peek(id: number): User | undefined;
	/** When true every query fails at once with a connection error. */
	isOffline: boolean;
	stats(): DatabaseStats;
	log(): readonly QueryLogEntry[];
	/** Queries issued in (now − windowMs, now]. */
	queriesInWindow(windowMs: number): number;
	snapshot(): DatabaseSnapshot;
	readonly latency: LatencyConfig;
}

const OFFLINE_ERROR =
	'connection to server at "db" (10.0.0.5), port 5432 failed: Connection refused';
const OFFLINE_LATENCY_MS = 1;

export function createDatabase(options: DatabaseOptions, from?: DatabaseSnapshot): Database {
	const { now } = options;
	const seed = options.seed ?? 1;
	const config: LatencyConfig = { ...DEFAULT_LATENCY, ...options.latency };
	const logLimit = options.logLimit ?? 1000;
	// The seeded table is drawn on first use (its own PRNG, so when does not change what): a world
	// whose flows never query the database — the console on a page's first load — skips it.
	const createdAt = from ? 0 : now();
	let table: User[] | null = from ? [...from.rows] : null;
	const rows = (): User[] => (table ??= generateUsers(seed, options.rows ?? USER_COUNT, createdAt));
	const prng = new Prng(from ? from.prng : seed ^ 0x5eed);
	const model = new LatencyModel(config, prng, from?.latency);
	let log: QueryLogEntry[] = from ? [...from.log] : [];
	const issued: number[] = from ? [...from.issued] : [];
	const counts = from ? { ...from.counts } : { reads: 0, writes: 0, failed: 0 };
	let isOffline = from?.isOffline ?? false;

	const record = (entry: QueryLogEntry) => {
		issued.push(entry.at);
		log.push(entry);
		if (log.length > logLimit * 2) log = log.slice(-logLimit);
	};

	const run = (sql: string, kind: 'read' | 'write', apply: () => readonly User[]): QueryResult => {
		const at = now();
		if (isOffline) {
			counts.failed++;
			record({ at, sql, latencyMs: OFFLINE_LATENCY_MS, queuedMs: 0, ok: false });
			const t = { issuedAt: at, startAt: at, finishAt: at + OFFLINE_LATENCY_MS, queuedMs: 0 };
			return { sql, rows: [], latencyMs: OFFLINE_LATENCY_MS, ...t, error: OFFLINE_ERROR };
		}
		if (kind === 'read') counts.reads++;
		else counts.writes++;
		const timing = model.schedule(at, kind);
		record({ at, sql, latencyMs: timing.latencyMs, queuedMs: timing.queuedMs, ok: true });
		const { issuedAt, startAt, finishAt, queuedMs, latencyMs } = timing;
		return { sql, rows: apply(), latencyMs, issuedAt, startAt, finishAt, queuedMs };
	};

	const find = (id: number) => (Number.isInteger(id) && id >= 1 ? rows()[id - 1] : undefined);

	return {
		latency: config,
		select: (id) =>
			run(selectUserSql(id), 'read', () => {
				const row = find(id);
				return row ? [row] : [];
			}),
		update(id, changes) {
			const version = (find(id)?.version ?? 0) + 1;
			return run(updateUserSql(id, changes, version), 'write', () => {
				const row = find(id);
				if (!row) return [];
				const next: User = { ...row, ...changes, version, updated_at: iso(now()) };
				rows()[id - 1] = next;
				return [next];
			});
		},
		peek: find,
		get isOffline() {
			return isOffline;
		},
		set isOffline(value: boolean) {
			isOffline = value;
		},
		stats: () => ({
			queries: counts.reads + counts.writes + counts.failed,
			...counts,
			busyMs: model.busyMs,
			queueLength: model.queueLength(now()),
			maxQueueLength: model.maxQueueLength,
			inFlight: model.inFlight(now()),
		}),
		log: () => log.slice(-logLimit),
		queriesInWindow(windowMs) {
			const t = now();
			let n = 0;
			for (let i = issued.length - 1; i >= 0 && issued[i]! > t - windowMs; i--)
				if (issued[i]! <= t) n++;
			return n;
		},
		snapshot: () => ({
			rows: [...rows()],
			prng: prng.state,
			latency: model.state(),
			log: [...log],
			issued: [...issued],
			counts: { ...counts },
			isOffline,
		}),
	};
}

function iso(ms: number): string {
	return new Date(ms).toISOString();
}
