// Mirrors the sections of src/server.c's genRedisInfoString other than Memory. Figures the engine
// models (stats, clients, keyspace, clock) are live; the rest are the constants a fresh standalone
// 7.0.15 server shows, so the layout reads exactly like Redis's.
import type { Server } from '../server.ts';
import { errorStats } from '../stats.ts';
import { fixed } from './info-format.ts';
import { persistenceFields } from './info-persistence.ts';
import { blockedClients, clientsWithTimeout } from '../blocking.ts';

type Fields = [string, string | number][];

const RUN_ID = '5c0bc7a1e35d4d8a8f4a0e8bd1f5d07e34f1c0a9';
const REPL_ID = 'e24e5ed6eadb88cc4a59c9a0f1d7ba745c2fbb1c';

export function serverSection(server: Server): Fields {
	const uptime = Math.floor((server.now() - server.startedAt) / 1000);
	return [
		['redis_version', '7.0.15'],
		['redis_git_sha1', '00000000'],
		['redis_git_dirty', 0],
		['redis_build_id', 'ae4d7c971a948f0'],
		['redis_mode', 'standalone'],
		['os', 'Linux 6.1.0 x86_64'],
		['arch_bits', 64],
		['monotonic_clock', 'POSIX clock_gettime'],
		['multiplexing_api', 'epoll'],
		['atomicvar_api', 'c11-builtin'],
		['gcc_version', '12.2.0'],
		['process_id', 4242],
		['process_supervised', 'no'],
		['run_id', RUN_ID],
		['tcp_port', 6379],
		['server_time_usec', Math.round(server.now() * 1000)],
		['uptime_in_seconds', uptime],
		['uptime_in_days', Math.floor(uptime / 86400)],
		['hz', server.config.hz],
		['configured_hz', server.config.hz],
		['lru_clock', server.lruClock()],
		['executable', '/usr/local/bin/redis-server'],
		['config_file', ''],
		['io_threads_active', 0],
	];
}

export function clientsSection(server: Server): Fields {
	return [
		['connected_clients', server.clients.size],
		['cluster_connections', 0],
		['maxclients', 10000],
		['client_recent_max_input_buffer', 0],
		['client_recent_max_output_buffer', 0],
		['blocked_clients', blockedClients(server)],
		['tracking_clients', 0],
		['clients_in_timeout_table', clientsWithTimeout(server)],
	];
}

export function persistenceSection(server: Server): Fields {
	return persistenceFields(server);
}

export function statsSection(server: Server): Fields {
	const s = server.stats;
	// stat_last_eviction_exceeded_time marks when memory went over maxmemory; 0 while under it.
	const current = s.last_eviction_exceeded_time ? server.now() - s.last_eviction_exceeded_time : 0;
	return [
		['total_connections_received', s.total_connections_received],
		['total_commands_processed', s.total_commands_processed],
		['instantaneous_ops_per_sec', 0],
		...zeros('total_net_input_bytes', 'total_net_output_bytes'),
		...zeros('total_net_repl_input_bytes', 'total_net_repl_output_bytes'),
		['instantaneous_input_kbps', '0.00'],
		['instantaneous_output_kbps', '0.00'],
		['instantaneous_input_repl_kbps', '0.00'],
		['instantaneous_output_repl_kbps', '0.00'],
		...zeros('rejected_connections', 'sync_full', 'sync_partial_ok', 'sync_partial_err'),
		['expired_keys', s.expired_keys],
		['expired_stale_perc', fixed(s.expired_stale_perc * 100)],
		['expired_time_cap_reached_count', s.expired_time_cap_reached_count],
		['expire_cycle_cpu_milliseconds', s.expire_cycle_cpu_milliseconds],
		['evicted_keys', s.evicted_keys],
		['evicted_clients', 0],
		['total_eviction_exceeded_time', Math.floor(s.total_eviction_exceeded_time + current)],
		['current_eviction_exceeded_time', Math.floor(current)],
		['keyspace_hits', s.keyspace_hits],
		['keyspace_misses', s.keyspace_misses],
		...zeros('pubsub_channels', 'pubsub_patterns', 'pubsubshard_channels'),
		...zeros('latest_fork_usec', 'total_forks', 'migrate_cached_sockets'),
		...zeros('slave_expires_tracked_keys', 'active_defrag_hits', 'active_defrag_misses'),
		...zeros('active_defrag_key_hits', 'active_defrag_key_misses'),
		...zeros('total_active_defrag_time', 'current_active_defrag_time'),
		...zeros('tracking_total_keys', 'tracking_total_items', 'tracking_total_prefixes'),
		['unexpected_error_replies', 0],
		['total_error_replies', s.total_error_replies],
		['dump_payload_sanitizations', 0],
		['total_reads_processed', s.total_commands_processed],
		['total_writes_processed', s.total_commands_processed],
		...zeros('io_threaded_reads_processed', 'io_threaded_writes_processed'),
		...zeros('reply_buffer_shrinks', 'reply_buffer_expands'),
	];
}

export function replicationSection(): Fields {
	return [
		['role', 'master'],
		['connected_slaves', 0],
		['master_failover_state', 'no-failover'],
		['master_replid', REPL_ID],
		['master_replid2', '0'.repeat(40)],
		['master_repl_offset', 0],
		['second_repl_offset', -1],
		['repl_backlog_active', 0],
		['repl_backlog_size', 1048576],
		...zeros('repl_backlog_first_byte_offset', 'repl_backlog_histlen'),
	];
}

export function cpuSection(): Fields {
	const names = ['used_cpu_sys', 'used_cpu_user', 'used_cpu_sys_children'];
	names.push('used_cpu_user_children', 'used_cpu_sys_main_thread', 'used_cpu_user_main_thread');
	return names.map((n) => [n, '0.000000']);
}

/** errorstat_<CODE>:count=N, in the rax's (lexicographic) order. */
export function errorstatsSection(server: Server): Fields {
	const table = errorStats(server);
	return Object.keys(table)
		.sort()
		.map((code) => [`errorstat_${code}`, `count=${table[code]}`]);
}

export const clusterSection = (): Fields => [['cluster_enabled', 0]];

/** One line per database that holds keys, expired-but-present ones included. */
export function keyspaceSection(server: Server): Fields {
	return server.dbs
		.filter((db) => db.size > 0)
		.map((db) => [
			`db${db.id}`,
			`keys=${db.size},expires=${db.expires.size},avg_ttl=${Math.trunc(db.avgTtl)}`,
		]);
}

function zeros(...names: string[]): Fields {
	return names.map((n) => [n, 0]);
}
