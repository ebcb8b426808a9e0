// Mirrors the "# Persistence" block of genRedisInfoString (src/server.c): RDB figures from the
// modelled saves, AOF always off (appendonly stays `no`: see CONFIG SET appendonly).
import { unixSeconds } from '../persistence.ts';
import type { Server } from '../server.ts';

type Fields = [string, string | number][];

export function persistenceFields(server: Server): Fields {
	const p = server.persistence;
	const child = p.child;
	const now = unixSeconds(server.now());
	return [
		['loading', 0],
		['async_loading', 0],
		['current_cow_peak', 0],
		['current_cow_size', 0],
		['current_cow_size_age', 0],
		['current_fork_perc', '0.00'],
		['current_save_keys_processed', 0],
		['current_save_keys_total', child ? child.keys : 0],
		['rdb_changes_since_last_save', p.dirty],
		['rdb_bgsave_in_progress', child ? 1 : 0],
		['rdb_last_save_time', p.lastsave],
		['rdb_last_bgsave_status', p.lastbgsaveStatus],
		['rdb_last_bgsave_time_sec', p.lastBgsaveTimeSec],
		['rdb_current_bgsave_time_sec', child ? now - unixSeconds(child.startedAt) : -1],
		['rdb_saves', p.saves],
		['rdb_last_cow_size', 0],
		['rdb_last_load_keys_expired', p.loadKeysExpired],
		['rdb_last_load_keys_loaded', p.loadKeysLoaded],
		['aof_enabled', 0],
		['aof_rewrite_in_progress', 0],
		['aof_rewrite_scheduled', 0],
		['aof_last_rewrite_time_sec', -1],
		['aof_current_rewrite_time_sec', -1],
		['aof_last_bgrewrite_status', 'ok'],
		['aof_rewrites', 0],
		['aof_rewrites_consecutive_failures', 0],
		['aof_last_write_status', 'ok'],
		['aof_last_cow_size', 0],
		['module_fork_in_progress', 0],
		['module_fork_last_cow_size', 0],
	];
}
