// Mirrors the Memory section of src/server.c's genRedisInfoString and getMemoryOverheadData in
// src/object.c, over the used_memory model of memory.ts. Allocator and RSS figures are not
// measurable here; they are derived from used_memory with the offsets a fresh 7.0.15 server shows.
import { DICT_ENTRY_SIZE, USED_MEMORY_STARTUP, bytesToHuman, tableSlots } from '../memory.ts';
import type { Server } from '../server.ts';
import { notePeakMemory, usedMemory } from '../stats.ts';
import { fixed } from './info-format.ts';

/** total_system_memory reported by the playground: a plausible 8 GB machine. */
const TOTAL_SYSTEM_MEMORY = 8 * 1024 ** 3;
/** What jemalloc holds beyond used_memory on a fresh server (allocator_allocated − used_memory). */
const ALLOCATOR_EXTRA = 794_960;
const ALLOCATOR_ACTIVE_EXTRA = 144_160;
const ALLOCATOR_RESIDENT_EXTRA = 2_670_592;
const RSS_EXTRA = 2_375_680;
const PAGE = 4096;

export interface DbOverhead {
	readonly db: number;
	/** keys × sizeof(dictEntry) + slots × sizeof(pointer), main dict and expires. */
	readonly main: number;
	readonly expires: number;
}

export interface MemoryFigures {
	readonly used: number;
	readonly peak: number;
	readonly startup: number;
	readonly clientsNormal: number;
	readonly dbs: readonly DbOverhead[];
	readonly overhead: number;
	readonly dataset: number;
	readonly keys: number;
	readonly allocated: number;
	readonly active: number;
	readonly resident: number;
	readonly rss: number;
}

/** getMemoryOverheadData: the figures INFO memory and MEMORY STATS share. */
export function memoryFigures(server: Server): MemoryFigures {
	const used = usedMemory(server);
	const peak = notePeakMemory(server);
	const clientsNormal = server.clientBufferBytes;
	const dbs: DbOverhead[] = [];
	let overhead = USED_MEMORY_STARTUP + clientsNormal;
	let keys = 0;
	for (const db of server.dbs) {
		if (db.size === 0) continue;
		keys += db.size;
		const main = db.size * DICT_ENTRY_SIZE + 8 * tableSlots(db.size);
		const expires = db.expires.size * DICT_ENTRY_SIZE + 8 * tableSlots(db.expires.size);
		dbs.push({ db: db.id, main, expires });
		overhead += main + expires;
	}
	const allocated = used + ALLOCATOR_EXTRA;
	const active = roundUp(allocated + ALLOCATOR_ACTIVE_EXTRA);
	const resident = roundUp(active + ALLOCATOR_RESIDENT_EXTRA);
	const rss = resident + RSS_EXTRA;
	const dataset = Math.max(0, used - overhead);
	const startup = USED_MEMORY_STARTUP;
	return {
		used,
		peak,
		startup,
		clientsNormal,
		dbs,
		overhead,
		dataset,
		keys,
		allocated,
		active,
		resident,
		rss,
	};
}

const roundUp = (n: number) => Math.ceil(n / PAGE) * PAGE;
const perc = (part: number, whole: number) => (whole > 0 ? (part * 100) / whole : 0);

/** The Memory section's fields, in 7.0.15's order. */
export function memorySection(server: Server): [string, string | number][] {
	const m = memoryFigures(server);
	const maxmemory = server.config.maxmemory;
	return [
		['used_memory', m.used],
		['used_memory_human', bytesToHuman(m.used)],
		['used_memory_rss', m.rss],
		['used_memory_rss_human', bytesToHuman(m.rss)],
		['used_memory_peak', m.peak],
		['used_memory_peak_human', bytesToHuman(m.peak)],
		['used_memory_peak_perc', `${fixed(perc(m.used, m.peak))}%`],
		['used_memory_overhead', m.overhead],
		['used_memory_startup', m.startup],
		['used_memory_dataset', m.dataset],
		['used_memory_dataset_perc', `${fixed(perc(m.dataset, m.used - m.startup))}%`],
		['allocator_allocated', m.allocated],
		['allocator_active', m.active],
		['allocator_resident', m.resident],
		['total_system_memory', TOTAL_SYSTEM_MEMORY],
		['total_system_memory_human', bytesToHuman(TOTAL_SYSTEM_MEMORY)],
		['used_memory_lua', 32768],
		['used_memory_vm_eval', 32768],
		['used_memory_lua_human', '32.00K'],
		['used_memory_scripts_eval', 0],
		['number_of_cached_scripts', 0],
		['number_of_functions', 0],
		['number_of_libraries', 0],
		['used_memory_vm_functions', 33792],
		['used_memory_vm_total', 66560],
		['used_memory_vm_total_human', '65.00K'],
		['used_memory_functions', 200],
		['used_memory_scripts', 200],
		['used_memory_scripts_human', '200B'],
		['maxmemory', maxmemory],
		['maxmemory_human', bytesToHuman(maxmemory)],
		['maxmemory_policy', server.config['maxmemory-policy']],
		['allocator_frag_ratio', fixed(m.active / m.allocated)],
		['allocator_frag_bytes', m.active - m.allocated],
		['allocator_rss_ratio', fixed(m.resident / m.active)],
		['allocator_rss_bytes', m.resident - m.active],
		['rss_overhead_ratio', fixed(m.rss / m.resident)],
		['rss_overhead_bytes', m.rss - m.resident],
		['mem_fragmentation_ratio', fixed(m.rss / m.used)],
		['mem_fragmentation_bytes', m.rss - m.used],
		['mem_not_counted_for_evict', 0],
		['mem_replication_backlog', 0],
		['mem_total_replication_buffers', 0],
		['mem_clients_slaves', 0],
		['mem_clients_normal', m.clientsNormal],
		['mem_cluster_links', 0],
		['mem_aof_buffer', 0],
		['mem_allocator', 'jemalloc-5.3.0'],
		['active_defrag_running', 0],
		['lazyfree_pending_objects', 0],
		['lazyfreed_objects', 0],
	];
}
