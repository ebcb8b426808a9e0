// Mirrors the part of serverCron (src/server.c) the playground models: the active expire cycle `hz`
// times a second. Ticks that could not find anything to do are skipped, so `:advance 30d` or
// `DEBUG SLEEP 86400` cost as many ticks as there are expiries, not 26 million.
//
// Why skipping is faithful: a tick on a server whose soonest TTL lies in the future deletes nothing;
// all it changes are the avg_ttl estimate and the sweep cursor. So after a cycle that deleted
// nothing, the next tick is the first one on the hz grid after the soonest expiry. A new TTL
// (setExpire), DEBUG SET-ACTIVE-EXPIRE 1 and the end of DEBUG SLEEP wake it earlier. The cost: on
// a quiet server avg_ttl converges in fewer steps than Redis's 2%-per-tick average would take.
import { activeExpireCycle } from './expire.ts';
import type { Db } from './keyspace.ts';
import type { Server } from './server.ts';

export interface Cron {
	stop(): void;
}

export function startCron(server: Server): Cron {
	const clock = server.clock;
	let timer: number | undefined;
	let plannedAt = Infinity;

	/** The first tick strictly after `t` on the grid a serverCron started with the server keeps. */
	const tickAfter = (t: number): number => {
		const period = 1000 / server.config.hz;
		const k = Math.floor((t - server.startedAt) / period) + 1;
		return Math.ceil(server.startedAt + k * period);
	};

	const plan = (at: number): void => {
		if (at >= plannedAt) return;
		if (timer !== undefined) clock.clearTimeout(timer);
		plannedAt = at;
		timer = clock.setTimeout(tick, at - clock.now());
	};

	/**
	 * The key the last scan found soonest. While it still holds that TTL and the TTL has passed, the
	 * true soonest is no later, so the next tick is the next one on the grid: no need to scan every
	 * TTL again after each tick whose sampling missed an expired key among thousands.
	 */
	let lastSoonest: Soonest | null = null;

	const planAfter = (expiredSome: boolean): void => {
		if (!server.activeExpireEnabled) return;
		const now = clock.now();
		if (expiredSome) return plan(tickAfter(now));
		const known = lastSoonest;
		if (known && known.when <= now && known.db.expires.get(known.key) === known.when)
			return plan(tickAfter(now));
		lastSoonest = soonestExpiry(server);
		if (lastSoonest !== null) plan(tickAfter(Math.max(now, lastSoonest.when)));
	};

	function tick(): void {
		timer = undefined;
		plannedAt = Infinity;
		// A blocked server runs no cron; DEBUG SLEEP wakes it when it returns.
		if (server.sleeping) return;
		const before = server.stats.expired_keys;
		if (server.activeExpireEnabled) activeExpireCycle(server);
		planAfter(server.stats.expired_keys > before);
	}

	server.wakeCron = (when: number) => {
		if (server.activeExpireEnabled && !server.sleeping)
			plan(tickAfter(Math.max(clock.now(), when)));
	};
	planAfter(false);
	return {
		stop() {
			if (timer !== undefined) clock.clearTimeout(timer);
			timer = undefined;
			plannedAt = Infinity;
			server.wakeCron = () => {};
		},
	};
}

interface Soonest {
	readonly when: number;
	readonly db: Db;
	readonly key: string;
}

/** The earliest expiry of any key with a TTL (and whose it is), or null when no key has one. */
function soonestExpiry(server: Server): Soonest | null {
	let soonest: Soonest | null = null;
	for (const db of server.dbs) {
		if (db.expires.size === 0) continue;
		for (const [key, when] of db.expires)
			if (soonest === null || when < soonest.when) soonest = { when, db, key };
	}
	return soonest;
}
