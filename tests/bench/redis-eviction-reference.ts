// The same experiment on a real redis-server started here: N keys, allkeys-lru, maxmemory just
// above what they use, then new keys SET through one pipelined redis-benchmark connection so each
// SET evicts about one key. What is compared is the server's user CPU per SET (INFO cpu), which
// leaves out the network and the benchmark client, so its growth from 10k to 1M keys is what
// Redis's own dict, sampling and frees cost as the keyspace outgrows the caches.
import { spawn } from 'node:child_process';
import type { Reply } from '../../src/engine/index.ts';
import { findRedisServer, startRedisServer } from '../redis/server.ts';
import type { RespClient } from '../redis/resp-client.ts';

export interface ReferencePoint {
	readonly size: number;
	/** Server user CPU per SET, ns. */
	readonly userNs: number;
	readonly evictionsPerSet: number;
}

const SETS = 500_000;

function runBenchmark(port: number, requests: number): Promise<void> {
	const args = ['-h', '127.0.0.1', '-p', String(port), '-t', 'set', '-c', '1', '-P', '64'];
	args.push('-r', '100000000', '-d', '16', '-n', String(requests), '-q');
	return new Promise((resolve, reject) => {
		const child = spawn('redis-benchmark', args, { stdio: 'ignore' });
		child.on('error', reject);
		child.on('close', (code) =>
			code === 0 ? resolve() : reject(new Error(`redis-benchmark exited ${code}`)),
		);
	});
}

const text = (r: Reply): string =>
	r.type === 'bulk' && typeof r.value === 'string' ? r.value : '';

async function infoField(client: RespClient, section: string, field: string): Promise<number> {
	const info = text(await client.send(['INFO', section]));
	const m = new RegExp(`^${field}:([\\d.]+)`, 'm').exec(info);
	if (!m) throw new Error(`INFO ${section} has no ${field}`);
	return Number(m[1]);
}

async function measure(path: string, size: number): Promise<ReferencePoint> {
	const server = await startRedisServer(path);
	const client = await server.connect();
	try {
		await client.send(['DEBUG', 'POPULATE', String(size), 'key', '16']);
		await client.send(['CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru']);
		const used = await infoField(client, 'memory', 'used_memory');
		// Room for the benchmark connection's buffers, so evictions make room for keys, not buffers.
		await client.send(['CONFIG', 'SET', 'maxmemory', String(used + 200_000)]);
		// Until every populated key has been replaced by a benchmark-shaped one (key:000012345678
		// is longer than key:123), so each new key costs what its victim frees: one eviction per SET.
		await runBenchmark(server.port, Math.max(200_000, Math.round(size * 1.5)));
		const cpu0 = await infoField(client, 'cpu', 'used_cpu_user');
		const ev0 = await infoField(client, 'stats', 'evicted_keys');
		await runBenchmark(server.port, SETS);
		const cpu1 = await infoField(client, 'cpu', 'used_cpu_user');
		const ev1 = await infoField(client, 'stats', 'evicted_keys');
		return { size, userNs: ((cpu1 - cpu0) * 1e9) / SETS, evictionsPerSet: (ev1 - ev0) / SETS };
	} finally {
		client.close();
		await server.stop();
	}
}

/** One point per size, or null when redis-server or redis-benchmark is not installed. */
export async function redisEvictionReference(
	sizes: readonly number[],
): Promise<{ version: string; points: ReferencePoint[] } | null> {
	const path = findRedisServer();
	if (path === null) return null;
	const probe = await startRedisServer(path);
	const version = probe.version;
	await probe.stop();
	const points: ReferencePoint[] = [];
	try {
		for (const size of sizes) points.push(await measure(path, size));
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw err;
	}
	return { version, points };
}
