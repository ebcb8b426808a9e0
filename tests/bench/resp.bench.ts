// Our RESP server vs a real redis-server, both started in this run on free loopback ports and both
// driven by `redis-benchmark -t set,get -P 16 -q -n 100000`. Goal: ≥ 0.30 of Redis's rate.
import { spawn } from 'node:child_process';
import { startServer } from '../../src/resp/server.ts';
import { findRedisServer, startRedisServer } from '../redis/server.ts';

const ARGS = ['-t', 'set,get', '-P', '16', '-q', '-n', '100000'];

function benchmark(port: number): Promise<Map<string, number>> {
	return new Promise((resolve, reject) => {
		const child = spawn('redis-benchmark', ['-h', '127.0.0.1', '-p', String(port), ...ARGS]);
		let out = '';
		child.stdout.on('data', (d: Buffer) => (out += d.toString()));
		child.on('error', reject);
		child.on('close', (code) => {
			if (code !== 0) return reject(new Error(`redis-benchmark exited ${code}: ${out}`));
			const rates = new Map<string, number>();
			// -q prints progress with \r, then "SET: 123456.79 requests per second, p50=…".
			for (const m of out.matchAll(/(SET|GET): ([\d.]+) requests per second/g))
				rates.set(m[1]!, Number(m[2]));
			resolve(rates);
		});
	});
}

const path = findRedisServer();
if (path === null) {
	console.log('resp bench skipped: redis-server not on PATH');
	process.exit(process.env['CI'] ? 1 : 0);
}

const real = await startRedisServer(path);
const ours = await startServer({ port: 0 });
try {
	// Best of two rounds each, alternating, so a busy machine weighs on both alike.
	const best = new Map<string, { ours: number; real: number }>();
	for (let round = 0; round < 2; round++) {
		const r = await benchmark(real.port);
		const o = await benchmark(ours.port);
		for (const t of ['SET', 'GET']) {
			const prev = best.get(t) ?? { ours: 0, real: 0 };
			best.set(t, {
				ours: Math.max(prev.ours, o.get(t) ?? 0),
				real: Math.max(prev.real, r.get(t) ?? 0),
			});
		}
	}
	console.log(`redis-benchmark ${ARGS.join(' ')}: our server vs redis-server ${real.version}`);
	let met = true;
	for (const [t, { ours: o, real: r }] of best) {
		met &&= o / r >= 0.3;
		const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(10);
		console.log(`${t}  ours ${fmt(o)} req/s   redis ${fmt(r)} req/s   ratio ${(o / r).toFixed(2)}`);
	}
	console.log(`goal (≥ 0.30 of redis-server): ${met ? 'met' : 'NOT met'}`);
} finally {
	await ours.close();
	await real.stop();
}
