// Test fixture for command tests: a Server on a VirtualClock with one client, plus helpers that
// plant keys directly (no dependence on SET or HSET) and a cron like engine.ts's serverCron.
import { createClientState } from '../client.ts';
import { VirtualClock } from '../clock.ts';
import { DEFAULT_CONFIG, type Config } from '../config.ts';
import { processCommand } from '../dispatch.ts';
import { activeExpireCycle } from '../expire.ts';
import { dbAdd, initialLru, setExpire, type Db } from '../keyspace.ts';
import { createHash, createString } from '../object.ts';
import { Random } from '../random.ts';
import type { Reply } from '../reply.ts';
import { Server } from '../server.ts';

export interface Fixture {
	readonly clock: VirtualClock;
	readonly server: Server;
	/** Runs a command as the fixture's client. */
	run(...argv: string[]): Reply;
	/** The client's selected database, or database `id`. */
	db(id?: number): Db;
	/** Plants a string key; `px` gives it a TTL relative to now (negative = already expired). */
	set(key: string, value: string, opts?: { px?: number; db?: number }): void;
	hset(key: string, fields: Record<string, string>, opts?: { db?: number }): void;
	/** Schedules activeExpireCycle at `hz`, as serverCron does, until stop() is called. */
	startCron(): () => void;
}

export function fixture(options: { seed?: number; config?: Partial<Config> } = {}): Fixture {
	const clock = new VirtualClock();
	const config = { ...DEFAULT_CONFIG, ...options.config };
	const server = new Server(clock, config, new Random(options.seed ?? 1));
	const client = createClientState(1, clock.now());
	server.clients.set(client.id, client);
	const db = (id = client.db) => server.dbs[id]!;
	return {
		clock,
		server,
		run: (...argv) => processCommand(server, client, argv),
		db,
		set(key, value, opts = {}) {
			const d = db(opts.db);
			dbAdd(server, d, key, createString(value, initialLru(server)));
			if (opts.px !== undefined) setExpire(server, d, key, clock.now() + opts.px);
		},
		hset(key, fields, opts = {}) {
			const obj = createHash(initialLru(server));
			for (const [f, v] of Object.entries(fields)) obj.value.set(f, v);
			dbAdd(server, db(opts.db), key, obj);
		},
		startCron() {
			let timer: number | undefined;
			const tick = () => {
				if (!server.sleeping && server.activeExpireEnabled) activeExpireCycle(server);
				timer = clock.setTimeout(tick, 1000 / server.config.hz);
			};
			timer = clock.setTimeout(tick, 1000 / server.config.hz);
			return () => clock.clearTimeout(timer);
		},
	};
}

export const int = (value: number): Reply => ({ type: 'integer', value });
export const err = (value: string): Reply => ({ type: 'error', value });
export const st = (value: string): Reply => ({ type: 'status', value });
export const str = (value: string | null): Reply => ({ type: 'bulk', value });
export const arr = (...value: Reply[]): Reply => ({ type: 'array', value });
export const strs = (...values: string[]): Reply => arr(...values.map(str));
