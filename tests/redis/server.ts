// A private redis-server for the proof-against-Redis tests: found on this machine, started on a
// free loopback port with no config file and no persistence, stopped by its pid.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { RespClient } from './resp-client.ts';
import { freePort } from '../tools/free-port.ts';

export interface RedisServer {
	readonly port: number;
	readonly pid: number;
	readonly version: string;
	/** A new connection to this server. */
	connect(): Promise<RespClient>;
	stop(): Promise<void>;
}

const isExecutable = (path: string): boolean => {
	try {
		accessSync(path, constants.X_OK);
		return true;
	} catch {
		return false;
	}
};

/** `$REDIS_SERVER_PATH`, else `redis-server` on PATH, else null. */
export function findRedisServer(): string | null {
	const explicit = process.env['REDIS_SERVER_PATH'];
	if (explicit) return isExecutable(explicit) ? explicit : null;
	for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
		if (!dir) continue;
		const candidate = join(dir, 'redis-server');
		if (isExecutable(candidate)) return candidate;
	}
	return null;
}

/** What the live tests do on this machine: run, fail (CI without Redis), or skip (local). */
export type LivePolicy =
	| { readonly mode: 'run'; readonly path: string }
	| { readonly mode: 'fail' | 'skip'; readonly reason: string };

const MISSING =
	'redis-server not found ($REDIS_SERVER_PATH or PATH): only the golden checks run; ' +
	'install it (apt-get install redis-server) to re-check against real Redis';

let warned = false;

export function livePolicy(): LivePolicy {
	const path = findRedisServer();
	if (path) return { mode: 'run', path };
	const ci = process.env['CI'] ?? '';
	if (ci !== '' && ci !== '0' && ci !== 'false') {
		return { mode: 'fail', reason: `CI requires a real redis-server. ${MISSING}` };
	}
	if (!warned) {
		warned = true;
		console.warn(`\n!!!!! ${MISSING} !!!!!\n`);
	}
	return { mode: 'skip', reason: MISSING };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitForPing(child: ChildProcess, port: number, deadlineMs: number): Promise<void> {
	let last: unknown = null;
	while (Date.now() < deadlineMs) {
		if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
		try {
			const client = await RespClient.open(port, '127.0.0.1', 500);
			try {
				const reply = await client.send(['PING']);
				if (reply.type === 'status' && reply.value === 'PONG') return;
				last = reply;
			} finally {
				client.close();
			}
		} catch (err) {
			last = err;
		}
		await sleep(25);
	}
	throw new Error(`redis-server on port ${port} never answered PING: ${String(last)}`);
}

function versionOf(path: string): string {
	const out = spawnSync(path, ['--version'], { encoding: 'utf8' }).stdout ?? '';
	return /v=(\S+)/.exec(out)?.[1] ?? 'unknown';
}

/** Starts a private redis-server; retries on another port if the first one was taken. */
export async function startRedisServer(path: string): Promise<RedisServer> {
	let lastError: unknown = null;
	for (let attempt = 0; attempt < 3; attempt++) {
		const port = await freePort();
		// SAVE, BGSAVE and SHUTDOWN write dump.rdb into `dir`: a private one, never the repository.
		const dir = mkdtempSync(join(tmpdir(), 'cachelab-redis-'));
		const args = [
			'--dir', dir,
			'--port', String(port),
			'--bind', '127.0.0.1',
			'--save', '',
			'--appendonly', 'no',
			'--enable-debug-command', 'yes',
			'--daemonize', 'no',
		]; // prettier-ignore
		const child = spawn(path, args, { stdio: ['ignore', 'pipe', 'pipe'] });
		let log = '';
		child.stdout?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
		child.stderr?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
		const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		try {
			await waitForPing(child, port, Date.now() + 10_000);
		} catch (err) {
			if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid);
			lastError = new Error(`${(err as Error).message}\n${log}`);
			continue;
		}
		const pid = child.pid ?? 0;
		return {
			port,
			pid,
			version: versionOf(path),
			connect: () => RespClient.open(port),
			async stop() {
				if (child.exitCode === null && child.signalCode === null) {
					process.kill(pid, 'SIGTERM');
					const timeout = sleep(5000).then(() => {
						if (child.exitCode === null && child.signalCode === null) process.kill(pid, 'SIGKILL');
					});
					await Promise.race([exited, timeout]);
				}
				rmSync(dir, { recursive: true, force: true });
			},
		};
	}
	throw lastError instanceof Error ? lastError : new Error(String(lastError));
}

/** The commands that put a server back to the state a fresh engine starts in. */
export const RESET_COMMANDS: readonly (readonly string[])[] = [
	['FLUSHALL'],
	['CONFIG', 'RESETSTAT'],
	['CONFIG', 'SET', 'maxmemory', '0'],
	['CONFIG', 'SET', 'maxmemory-policy', 'noeviction'],
	['CONFIG', 'SET', 'maxmemory-samples', '5'],
	['CONFIG', 'SET', 'hz', '10'],
	['CONFIG', 'SET', 'lfu-log-factor', '10'],
	['CONFIG', 'SET', 'lfu-decay-time', '1'],
	['CONFIG', 'SET', 'active-expire-effort', '1'],
	['DEBUG', 'SET-ACTIVE-EXPIRE', '1'],
	['SELECT', '0'],
];

/** Runs RESET_COMMANDS on `client`; throws if any of them fails. */
export async function resetServer(client: RespClient): Promise<void> {
	const replies = await client.pipeline(RESET_COMMANDS);
	replies.forEach((reply, i) => {
		if (reply.type === 'error') {
			throw new Error(`reset: ${RESET_COMMANDS[i]?.join(' ')} → ${reply.value}`);
		}
	});
}
