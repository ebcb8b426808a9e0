import { describe, expect, it } from 'vitest';
import { emptyDb } from '../keyspace.ts';
import { fixed, g17 } from './info-format.ts';
import { serverFixture } from './server.test-util.ts';

/** Field names per section, in order, as a live redis-server 7.0.15 prints them. */
const REAL_FIELDS: Record<string, string> = {
	Server:
		'redis_version redis_git_sha1 redis_git_dirty redis_build_id redis_mode os arch_bits monotonic_clock multiplexing_api atomicvar_api gcc_version process_id process_supervised run_id tcp_port server_time_usec uptime_in_seconds uptime_in_days hz configured_hz lru_clock executable config_file io_threads_active',
	Clients:
		'connected_clients cluster_connections maxclients client_recent_max_input_buffer client_recent_max_output_buffer blocked_clients tracking_clients clients_in_timeout_table',
	Memory:
		'used_memory used_memory_human used_memory_rss used_memory_rss_human used_memory_peak used_memory_peak_human used_memory_peak_perc used_memory_overhead used_memory_startup used_memory_dataset used_memory_dataset_perc allocator_allocated allocator_active allocator_resident total_system_memory total_system_memory_human used_memory_lua used_memory_vm_eval used_memory_lua_human used_memory_scripts_eval number_of_cached_scripts number_of_functions number_of_libraries used_memory_vm_functions used_memory_vm_total used_memory_vm_total_human used_memory_functions used_memory_scripts used_memory_scripts_human maxmemory maxmemory_human maxmemory_policy allocator_frag_ratio allocator_frag_bytes allocator_rss_ratio allocator_rss_bytes rss_overhead_ratio rss_overhead_bytes mem_fragmentation_ratio mem_fragmentation_bytes mem_not_counted_for_evict mem_replication_backlog mem_total_replication_buffers mem_clients_slaves mem_clients_normal mem_cluster_links mem_aof_buffer mem_allocator active_defrag_running lazyfree_pending_objects lazyfreed_objects',
	Persistence:
		'loading async_loading current_cow_peak current_cow_size current_cow_size_age current_fork_perc current_save_keys_processed current_save_keys_total rdb_changes_since_last_save rdb_bgsave_in_progress rdb_last_save_time rdb_last_bgsave_status rdb_last_bgsave_time_sec rdb_current_bgsave_time_sec rdb_saves rdb_last_cow_size rdb_last_load_keys_expired rdb_last_load_keys_loaded aof_enabled aof_rewrite_in_progress aof_rewrite_scheduled aof_last_rewrite_time_sec aof_current_rewrite_time_sec aof_last_bgrewrite_status aof_rewrites aof_rewrites_consecutive_failures aof_last_write_status aof_last_cow_size module_fork_in_progress module_fork_last_cow_size',
	Stats:
		'total_connections_received total_commands_processed instantaneous_ops_per_sec total_net_input_bytes total_net_output_bytes total_net_repl_input_bytes total_net_repl_output_bytes instantaneous_input_kbps instantaneous_output_kbps instantaneous_input_repl_kbps instantaneous_output_repl_kbps rejected_connections sync_full sync_partial_ok sync_partial_err expired_keys expired_stale_perc expired_time_cap_reached_count expire_cycle_cpu_milliseconds evicted_keys evicted_clients total_eviction_exceeded_time current_eviction_exceeded_time keyspace_hits keyspace_misses pubsub_channels pubsub_patterns pubsubshard_channels latest_fork_usec total_forks migrate_cached_sockets slave_expires_tracked_keys active_defrag_hits active_defrag_misses active_defrag_key_hits active_defrag_key_misses total_active_defrag_time current_active_defrag_time tracking_total_keys tracking_total_items tracking_total_prefixes unexpected_error_replies total_error_replies dump_payload_sanitizations total_reads_processed total_writes_processed io_threaded_reads_processed io_threaded_writes_processed reply_buffer_shrinks reply_buffer_expands',
	Replication:
		'role connected_slaves master_failover_state master_replid master_replid2 master_repl_offset second_repl_offset repl_backlog_active repl_backlog_size repl_backlog_first_byte_offset repl_backlog_histlen',
	CPU: 'used_cpu_sys used_cpu_user used_cpu_sys_children used_cpu_user_children used_cpu_sys_main_thread used_cpu_user_main_thread',
	Cluster: 'cluster_enabled',
};

function info(f: ReturnType<typeof serverFixture>, ...sections: string[]): string {
	const r = f.run('INFO', ...sections);
	if (r.type !== 'bulk' || r.value === null) throw new Error(JSON.stringify(r));
	return r.value;
}

/** name → value of every field line. */
function fields(text: string): Map<string, string> {
	const out = new Map<string, string>();
	for (const line of text.split('\r\n')) {
		const i = line.indexOf(':');
		if (i > 0 && !line.startsWith('#')) out.set(line.slice(0, i), line.slice(i + 1));
	}
	return out;
}

describe('INFO layout', () => {
	it('has the real field names in the real order, section by section', () => {
		const f = serverFixture();
		for (const [header, names] of Object.entries(REAL_FIELDS)) {
			const text = info(f, header);
			expect(text.startsWith(`# ${header}\r\n`)).toBe(true);
			expect([...fields(text).keys()].join(' ')).toBe(names);
		}
	});

	it('frames sections with CRLF and one empty line between them', () => {
		const f = serverFixture();
		expect(info(f, 'keyspace')).toBe('# Keyspace\r\n');
		expect(info(f, 'modules')).toBe('# Modules\r\n');
		const two = info(f, 'KEYSPACE', 'cluster');
		expect(two).toBe('# Cluster\r\ncluster_enabled:0\r\n\r\n# Keyspace\r\n');
		expect(info(f, 'nosuch')).toBe('');
	});

	it('default, all and everything choose sections as 7.0 does', () => {
		const f = serverFixture();
		const headers = (t: string) =>
			t
				.match(/^# .*$/gm)!
				.map((h) => h.slice(2))
				.join(' ');
		const base = 'Server Clients Memory Persistence Stats Replication CPU Modules';
		expect(headers(info(f))).toBe(`${base} Errorstats Cluster Keyspace`);
		expect(headers(info(f, 'default'))).toBe(`${base} Errorstats Cluster Keyspace`);
		const all = `${base} Commandstats Errorstats Latencystats Cluster Keyspace`;
		expect(headers(info(f, 'all'))).toBe(all);
		expect(headers(info(f, 'everything'))).toBe(all);
		expect(headers(info(f, 'keyspace', 'server', 'server'))).toBe('Server Keyspace');
	});
});

describe('INFO values', () => {
	it('memory: used, peak, startup, dataset, maxmemory', () => {
		const f = serverFixture();
		const before = fields(info(f, 'memory'));
		expect(before.get('used_memory')).toBe('914912');
		expect(before.get('used_memory_human')).toBe('893.47K');
		expect(before.get('used_memory_startup')).toBe('876440');
		expect(before.get('maxmemory_human')).toBe('0B');
		expect(before.get('maxmemory_policy')).toBe('noeviction');
		for (let i = 0; i < 50; i++) f.set(`k${i}`, 'x'.repeat(100));
		f.run('PING');
		const full = fields(info(f, 'memory'));
		const used = Number(full.get('used_memory'));
		expect(used).toBeGreaterThan(914912 + 50 * 100);
		expect(full.get('used_memory_peak')).toBe(String(used));
		emptyDb(f.server, f.db);
		const after = fields(info(f, 'memory'));
		expect(after.get('used_memory')).toBe('914912');
		expect(after.get('used_memory_peak')).toBe(String(used));
		expect(after.get('used_memory_peak_perc')).toBe(`${fixed((914912 * 100) / used)}%`);
		f.run('CONFIG', 'SET', 'maxmemory', '100mb', 'maxmemory-policy', 'allkeys-lru');
		const m = fields(info(f, 'memory'));
		expect(m.get('maxmemory')).toBe('104857600');
		expect(m.get('maxmemory_human')).toBe('100.00M');
		expect(m.get('maxmemory_policy')).toBe('allkeys-lru');
	});

	it('memory: dataset is used minus overhead (startup + dict entries and slots)', () => {
		const f = serverFixture();
		f.set('a', 'hello');
		f.set('b', 'world', 10_000);
		const m = fields(info(f, 'memory'));
		const overhead = 876440 + (2 * 24 + 4 * 8) + (24 + 4 * 8);
		expect(m.get('used_memory_overhead')).toBe(String(overhead));
		expect(Number(m.get('used_memory_dataset'))).toBe(Number(m.get('used_memory')) - overhead);
	});

	it('stats: counters from Stats, stale perc ×100 with %.2f, errors and hits', () => {
		const f = serverFixture();
		f.set('a', '1');
		f.run('OBJECT', 'ENCODING', 'a');
		f.run('OBJECT', 'ENCODING', 'nokey');
		f.run('NOSUCHCMD');
		f.run('OBJECT', 'FREQ', 'a');
		f.server.stats.expired_stale_perc = 0.123456;
		f.server.stats.expired_keys = 7;
		const s = fields(info(f, 'stats'));
		expect(s.get('keyspace_hits')).toBe('2');
		expect(s.get('keyspace_misses')).toBe('1');
		expect(s.get('total_error_replies')).toBe('2');
		expect(s.get('expired_stale_perc')).toBe('12.35');
		expect(s.get('expired_keys')).toBe('7');
		expect(s.get('total_commands_processed')).toBe('3');
		expect(fields(info(f, 'errorstats')).get('errorstat_ERR')).toBe('count=2');
	});

	it('stats: eviction exceeded time runs while over the limit', () => {
		const f = serverFixture();
		f.server.stats.total_eviction_exceeded_time = 40;
		f.server.stats.last_eviction_exceeded_time = f.clock.now();
		f.clock.advance(250);
		const s = fields(info(f, 'stats'));
		expect(s.get('current_eviction_exceeded_time')).toBe('250');
		expect(s.get('total_eviction_exceeded_time')).toBe('290');
	});

	it('keyspace: one line per non-empty db, ghosts counted', () => {
		const f = serverFixture();
		f.set('a', '1');
		f.set('b', '2', 5000);
		f.set('c', '3', -5);
		f.server.dbs[3]!.avgTtl = 1234.7;
		expect(info(f, 'keyspace')).toBe('# Keyspace\r\ndb0:keys=3,expires=2,avg_ttl=0\r\n');
	});

	it('server and clients: virtual uptime, hz, clients', () => {
		const f = serverFixture({ hz: 20 });
		f.clock.advance(90_061_000);
		const s = fields(info(f, 'server'));
		expect(s.get('redis_version')).toBe('7.0.15');
		expect(s.get('uptime_in_seconds')).toBe('90061');
		expect(s.get('uptime_in_days')).toBe('1');
		expect(s.get('hz')).toBe('20');
		expect(s.get('configured_hz')).toBe('20');
		expect(s.get('lru_clock')).toBe(String(f.server.lruClock()));
		expect(fields(info(f, 'clients')).get('connected_clients')).toBe('1');
	});
});

describe('number formats', () => {
	it('%.2f rounds exact ties to even, as glibc does', () => {
		expect(fixed(0.125)).toBe('0.12');
		expect(fixed(0.375)).toBe('0.38');
		expect(fixed(12.344999999999999)).toBe('12.34');
		expect(fixed(100)).toBe('100.00');
		expect(fixed(0.004)).toBe('0.00');
		expect(fixed(7.6923)).toBe('7.69');
		expect(fixed(2.5, 0)).toBe('2');
	});

	it('%.17g', () => {
		expect(g17(Math.fround(99.844009))).toBe('99.844009399414062');
		expect(g17(1.5)).toBe('1.5');
		expect(g17(0)).toBe('0');
		expect(g17(1e20)).toBe('1e+20');
		expect(g17(0.00001)).toBe('1.0000000000000001e-05');
		expect(g17(0.5)).toBe('0.5');
		expect(g17(1234.25)).toBe('1234.25');
		expect(g17(0.001)).toBe('0.001');
		expect(g17(1 / 3)).toBe('0.33333333333333331');
		expect(g17(123456789)).toBe('123456789');
	});
});
