// Blocking commands against a live redis-server 7.0, over real sockets: two connections block (on
// lists and sorted sets, with BLPOP, BLMOVE, BLMPOP, BZPOPMIN, BZMPOP…), a third runs a random
// sequence of pushes, pops, type changes, deletions, renames, SWAPDB and MULTI/EXEC, and then
// CLIENT UNBLOCK releases whoever still waits. Each connection's replies and the final keys must
// be the same on both servers. The only waits are for a blocked client to be counted as blocked
// (INFO clients), so the order in which the two block is the same on both.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canon } from '../redis/differential-model.ts';
import { RespClient } from '../redis/resp-client.ts';
import { bothServers } from './harness.ts';

const SEED = Number(process.env['FC_SEED'] ?? 20261207);
const RUNS = Number(process.env['FC_RUNS'] ?? 300);
const servers = bothServers();
const { policy } = servers;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const BLOCKERS: readonly string[][] = [
	['BLPOP', 'k1', 'k2', '0'],
	['BRPOP', 'k2', 'k1', '0'],
	['BLMOVE', 'k1', 'k2', 'LEFT', 'RIGHT', '0'],
	['BLMOVE', 'k2', 'k1', 'RIGHT', 'LEFT', '0'],
	['BLMPOP', '0', '2', 'k1', 'k3', 'LEFT', 'COUNT', '2'],
	['BRPOPLPUSH', 'k3', 'k1', '0'],
	['BZPOPMIN', 'z1', 'z2', '0'],
	['BZPOPMAX', 'z2', '0'],
	['BZMPOP', '0', '2', 'z1', 'z2', 'MAX', 'COUNT', '2'],
	['BLPOP', 'k3', '0'],
];
const DRIVERS: readonly string[][] = [
	['RPUSH', 'k1', 'a', 'b'],
	['LPUSH', 'k2', 'x'],
	['RPUSH', 'k3', 'p', 'q', 'r'],
	['ZADD', 'z1', '1', 'm', '2', 'n'],
	['ZADD', 'z2', '5', 'w'],
	['ZINCRBY', 'z1', '3', 'm'],
	['SET', 'k1', 'str'],
	['SADD', 'k2', 'x'],
	['DEL', 'k1'],
	['DEL', 'k2', 'k3'],
	['LMOVE', 'k3', 'k1', 'LEFT', 'LEFT'],
	['RPOPLPUSH', 'k2', 'k3'],
	['RENAME', 'k3', 'k1'],
	['SWAPDB', '0', '1'],
	['SELECT', '1'],
	['SELECT', '0'],
	['FLUSHDB'],
	['MULTI'],
	['EXEC'],
];
const FINAL: readonly string[][] = [
	['SELECT', '0'],
	...['k1', 'k2', 'k3'].map((k) => ['LRANGE', k, '0', '-1']),
	...['z1', 'z2'].map((k) => ['ZRANGE', k, '0', '-1', 'WITHSCORES']),
	['TYPE', 'k1'],
	['TYPE', 'k2'],
	['DBSIZE'],
	['SELECT', '1'],
	['DBSIZE'],
];

/** The drivers with MULTI and EXEC paired, as a client would send them. */
function paired(steps: readonly string[][]): string[][] {
	const out: string[][] = [];
	let inMulti = false;
	for (const s of steps) {
		if (s[0] === 'MULTI' && inMulti) continue;
		if (s[0] === 'EXEC' && !inMulti) continue;
		if (s[0] === 'MULTI' || s[0] === 'EXEC') inMulti = s[0] === 'MULTI';
		out.push(s);
	}
	if (inMulti) out.push(['EXEC']);
	return out;
}

/** Until INFO clients counts `n` blocked clients (a few seconds at most). */
async function blocked(c: RespClient, n: number): Promise<void> {
	for (let i = 0; i < 500; i++) {
		const info = String((await c.send(['INFO', 'clients'])).value);
		if (info.includes(`blocked_clients:${n}\r\n`)) return;
		await sleep(5);
	}
	throw new Error(`never saw ${n} blocked clients`);
}

interface Outcome {
	readonly waiters: string[];
	readonly driver: string[];
	readonly final: string[];
}

async function play(port: number, a: string[], b: string[], steps: string[][]): Promise<Outcome> {
	const [A, B, C] = await Promise.all([0, 1, 2].map(() => RespClient.open(port)));
	const clients = [A!, B!, C!];
	try {
		const [, ...ids] = await Promise.all([
			C!.pipeline([['FLUSHALL']]),
			A!.send(['CLIENT', 'ID']),
			B!.send(['CLIENT', 'ID']),
		]);
		const ra = A!.send(a);
		await blocked(C!, 1);
		const rb = B!.send(b);
		await blocked(C!, 2);
		const driver: string[] = [];
		for (const s of steps) driver.push(canon(await C!.send(s)));
		await C!.pipeline(ids.map((id) => ['CLIENT', 'UNBLOCK', String(id.value)]));
		const waiters = [canon(await ra), canon(await rb)];
		const final = (await C!.pipeline(FINAL)).map(canon);
		return { waiters, driver, final };
	} finally {
		for (const c of clients) c.close();
	}
}

describe('blocking commands: our server vs redis-server', () => {
	it(
		`${RUNS} scenarios of two blocked clients and a driver end alike`,
		{ timeout: 120_000 },
		async (ctx) => {
			if (policy.mode === 'fail') expect.fail(policy.reason);
			const live = servers.real;
			if (!live) return ctx.skip();
			const ours = servers.ours;
			let failure: string | null = null;
			const property = fc.asyncProperty(
				fc.constantFrom(...BLOCKERS),
				fc.constantFrom(...BLOCKERS),
				fc.array(fc.constantFrom(...DRIVERS), { minLength: 1, maxLength: 6 }),
				async (a, b, drivers) => {
					const steps = paired(drivers);
					const theirs = await play(live.port, a, b, steps);
					const mine = await play(ours.port, a, b, steps);
					if (JSON.stringify(mine) === JSON.stringify(theirs)) return true;
					failure = [
						`A> ${a.join(' ')}`,
						`B> ${b.join(' ')}`,
						...steps.map((s) => `C> ${s.join(' ')}`),
						`redis:  ${JSON.stringify(theirs)}`,
						`ours:   ${JSON.stringify(mine)}`,
					].join('\n');
					return false;
				},
			);
			const details = await fc.check(property, { seed: SEED, numRuns: RUNS });
			if (details.failed) expect.fail(failure ?? String(details.errorInstance));
		},
	);
});
