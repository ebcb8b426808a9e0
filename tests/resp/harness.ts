// Shared by the live RESP tests: our server in-process on a free port, Redis's own tools as child
// processes (always async: a blocking spawn would freeze the in-process server), and the policy
// for a machine without them (fail in CI, skip loudly elsewhere).
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startServer, type RespServer } from '../../src/resp/server.ts';
import { startRedisServer, type RedisServer } from '../redis/server.ts';

export const ROOT = join(import.meta.dirname, '..', '..');

export function findTool(name: string): string | null {
	for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
		if (!dir) continue;
		const candidate = join(dir, name);
		try {
			accessSync(candidate, constants.X_OK);
			return candidate;
		} catch {
			/* not here */
		}
	}
	return null;
}

export type ToolPolicy = { mode: 'run' } | { mode: 'fail' | 'skip'; reason: string };

const warned = new Set<string>();

/** Run when every tool is there; otherwise fail under CI and skip (with a loud note) elsewhere. */
export function toolPolicy(...tools: string[]): ToolPolicy {
	const missing = tools.filter((t) => findTool(t) === null);
	if (missing.length === 0) return { mode: 'run' };
	const reason = `${missing.join(', ')} not on PATH (apt-get install redis-server redis-tools)`;
	if (process.env['CI']) return { mode: 'fail', reason: `CI requires ${reason}` };
	if (!warned.has(reason)) {
		warned.add(reason);
		console.warn(`\n!!!!! live RESP tests skipped: ${reason} !!!!!\n`);
	}
	return { mode: 'skip', reason };
}

export interface RunResult {
	readonly code: number | null;
	readonly stdout: string;
	readonly stderr: string;
}

/** Runs a command with `input` on stdin; kills it after `timeoutMs`. */
export function run(
	cmd: string,
	args: readonly string[],
	input = '',
	opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number; cwd?: string } = {},
): Promise<RunResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, {
			env: { ...process.env, ...opts.env },
			cwd: opts.cwd ?? ROOT,
			stdio: ['pipe', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
		child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
		const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
		child.on('error', reject);
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({ code, stdout, stderr });
		});
		child.stdin.on('error', () => {});
		child.stdin.end(input);
	});
}

/** `FAKETTY=1 redis-cli -p port` with `script` piped in: replies as a terminal shows them. */
export function redisCli(port: number, script: string): Promise<RunResult> {
	return run('redis-cli', ['-h', '127.0.0.1', '-p', String(port)], script, {
		env: { FAKETTY: '1' },
	});
}

/** `npm run -s repl < script`, without npm's overhead: node + tsx on the REPL entry. */
export function repl(script: string): Promise<RunResult> {
	return run(process.execPath, ['--import', 'tsx', 'src/resp/repl-main.ts'], script);
}

export function startOurs(): Promise<RespServer> {
	return startServer({ port: 0, host: '127.0.0.1' });
}

/**
 * Our server and, where redis-server is installed, a real one, started before a test file's tests
 * and stopped after them. `real` stays null without redis-server (see `policy`).
 */
export function bothServers(): {
	readonly policy: ToolPolicy;
	readonly ours: RespServer;
	readonly real: RedisServer | null;
} {
	const policy = toolPolicy('redis-server');
	let ours: RespServer | null = null;
	let real: RedisServer | null = null;
	beforeAll(async () => {
		ours = await startOurs();
		if (policy.mode === 'run') real = await startRedisServer('redis-server');
	}, 20_000);
	afterAll(async () => {
		await ours?.close();
		await real?.stop();
	});
	return {
		policy,
		get ours() {
			if (!ours) throw new Error('our server has not started');
			return ours;
		},
		get real() {
			return real;
		},
	};
}
