// Mirrors the part of serverCron (src/server.c) the playground models: the active expire cycle `hz`
// times a second, then the persistence steps (persistence.ts: reap a bgsave child, save points).
// Ticks that could not find anything to do are skipped, so `:advance 30d` or `DEBUG SLEEP 86400`
// cost as many ticks as there are expiries, not 26 million.
//
// Why skipping is faithful: a tick on a server whose soonest TTL lies in the future deletes nothing;
// all it changes are the avg_ttl estimate and the sweep cursor. So after a cycle that deleted
// nothing, the next tick is the first one on the hz grid after the soonest expiry. A new TTL
// (setExpire), DEBUG SET-ACTIVE-EXPIRE 1 and the end of DEBUG SLEEP wake it earlier. Likewise a
// tick is planned where persistence has work: a child to reap, a save point whose time has come.
// The cost: on a quiet server avg_ttl converges in fewer steps than Redis's 2%-per-tick average
// would take.
import { activeExpireCycle } from './expire.ts';
import { persistenceCron, persistenceDueAt } from './persistence.ts';
import type { Server } from './server.ts';

export interface Cron {
	stop(): void;
}

/** The first tick strictly after `t` on the grid a serverCron started with the server keeps. */
function tickAfter(server: Server, t: number): number {
	const period = 1000 / server.config.hz;
	const k = Math.floor((t - server.startedAt) / period) + 1;
	return Math.ceil(server.startedAt + k * period);
}

function plan(server: Server, at: number): void {
	const cron = server.cron;
	if (at >= cron.plannedAt) return;
	if (cron.timer !== undefined) server.clock.clearTimeout(cron.timer);
	cron.plannedAt = at;
	cron.timer = server.clock.setTimeout(() => tick(server), at - server.clock.now());
}

/** The tick on or after virtual time `due` (the next one when it has passed). */
const tickFrom = (server: Server, due: number): number =>
	tickAfter(server, Math.max(server.clock.now(), due - 1));

function planPersistence(server: Server): void {
	const due = persistenceDueAt(server);
	if (due !== Infinity) plan(server, tickFrom(server, due));
}

/**
 * The key the last scan found soonest (server.cron.lastSoonest). While it still holds that TTL and
 * the TTL has passed, the true soonest is no later, so the next tick is the next one on the grid:
 * no need to scan every TTL again after each tick whose sampling missed an expired key among
 * thousands.
 */
function planAfter(server: Server, expiredSome: boolean): void {
	planPersistence(server);
	if (!server.activeExpireEnabled) return;
	const now = server.clock.now();
	if (expiredSome) return plan(server, tickAfter(server, now));
	const known = server.cron.lastSoonest;
	if (known && known.when <= now && server.dbs[known.db]?.expires.get(known.key) === known.when)
		return plan(server, tickAfter(server, now));
	const soonest = soonestExpiry(server);
	server.cron.lastSoonest = soonest;
	if (soonest !== null) plan(server, tickAfter(server, Math.max(now, soonest.when)));
}

function tick(server: Server): void {
	server.cron.timer = undefined;
	server.cron.plannedAt = Infinity;
	// A blocked server runs no cron; DEBUG SLEEP wakes it when it returns.
	if (server.sleeping) return;
	const before = server.stats.expired_keys;
	if (server.activeExpireEnabled) activeExpireCycle(server);
	persistenceCron(server);
	planAfter(server, server.stats.expired_keys > before);
}

/**
 * Starts the cron. A server whose cron state was copied (a fork) keeps the tick the original had
 * planned, so both run the same ticks; `arm` re-creates it, and the caller decides the order in
 * which timers due at the same moment are re-armed.
 */
export function startCron(server: Server): Cron & { arm(): void } {
	server.wakeCron = (when: number) => {
		if (server.sleeping) return;
		if (server.activeExpireEnabled && when !== Infinity)
			plan(server, tickAfter(server, Math.max(server.clock.now(), when)));
		planPersistence(server);
	};
	return {
		arm() {
			// A copied timer id belongs to the source's clock: never clear it on this one.
			const copied = server.cron.plannedAt;
			server.cron.timer = undefined;
			server.cron.plannedAt = Infinity;
			if (copied !== Infinity) plan(server, copied);
			else planAfter(server, false);
		},
		stop() {
			if (server.cron.timer !== undefined) server.clock.clearTimeout(server.cron.timer);
			server.cron.timer = undefined;
			server.cron.plannedAt = Infinity;
			server.wakeCron = () => {};
		},
	};
}

interface Soonest {
	readonly when: number;
	readonly db: number;
	readonly key: string;
}

/** The earliest expiry of any key with a TTL (and whose it is), or null when no key has one. */
function soonestExpiry(server: Server): Soonest | null {
	let soonest: Soonest | null = null;
	for (const db of server.dbs) {
		if (db.expires.size === 0) continue;
		for (const [key, when] of db.expires)
			if (soonest === null || when < soonest.when) soonest = { when, db: db.id, key };
	}
	return soonest;
}
