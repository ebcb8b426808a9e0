// Persistence against a live redis-server 7.0, where Redis answers deterministically: LASTSAVE is
// the clock's second of the last save, INFO persistence lists the same fields in the same order,
// dirty counts a batch of writes alike, and reads during a bgsave leave LFU counters alone.
import { describe, expect, it } from 'vitest';
import { createEngine, type Reply } from '../../src/engine/index.ts';
import type { RespClient } from './resp-client.ts';
import { liveRedis } from './live.ts';
import { resetServer } from './server.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const fields = (info: Reply): [string, string][] =>
	String(info.value)
		.split('\r\n')
		.filter((l) => l.includes(':'))
		.map((l) => l.split(':') as [string, string]);
const field = (info: Reply, name: string): string =>
	fields(info).find(([k]) => k === name)?.[1] ?? '';

/** Sends `lines` to both; returns the pairs of replies (engine, server). */
async function both(client: RespClient, lines: string[][]) {
	const engine = createEngine({ config: { stored: { save: '' } } });
	const ours = lines.map((argv) => engine.exec(argv));
	const theirs = await client.pipeline(lines);
	return { engine, ours, theirs };
}

describe('persistence on a live redis-server', { timeout: 30_000 }, () => {
	const live = liveRedis().connection;

	it('INFO persistence: the same fields in the same order; dirty and status alike', async (ctx) => {
		const c = live(ctx);
		await resetServer(c);
		const lines = [
			['SAVE'],
			...[
				['SET', 'a', '1'],
				['INCR', 'a'],
				['MSET', 'x', '1', 'y', '2'],
				['DEL', 'x', 'q'],
			],
			...[
				['HSET', 'h', 'f', '1', 'g', '2'],
				['RPUSH', 'l', 'a', 'b'],
				['LTRIM', 'l', '1', '1'],
			],
			['INFO', 'persistence'],
		];
		const { ours, theirs } = await both(c, lines);
		const a = ours.at(-1)!;
		const b = theirs.at(-1)!;
		expect(fields(a).map(([k]) => k)).toEqual(fields(b).map(([k]) => k));
		for (const name of ['rdb_changes_since_last_save', 'rdb_bgsave_in_progress', 'aof_enabled'])
			expect(field(a, name), name).toBe(field(b, name));
		expect(field(a, 'rdb_last_bgsave_status')).toBe(field(b, 'rdb_last_bgsave_status'));
	});

	it('LASTSAVE is the second of the last SAVE on each one’s clock', async (ctx) => {
		const c = live(ctx);
		const { ours, theirs } = await both(c, [['SAVE'], ['LASTSAVE'], ['TIME']]);
		for (const [lastsave, time] of [
			[ours[1]!, ours[2]!],
			[theirs[1]!, theirs[2]!],
		] as const) {
			const now = Number((time.value as Reply[])[0]!.value);
			expect(Number(lastsave.value)).toBeGreaterThanOrEqual(now - 1);
			expect(Number(lastsave.value)).toBeLessThanOrEqual(now);
		}
	});

	it('reads while a bgsave child runs leave the LFU counter as it was', async (ctx) => {
		const c = live(ctx);
		await resetServer(c);
		const lines = [
			['CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lfu'],
			['SET', 'g', 'v'],
			['BGSAVE'],
			['GET', 'g'],
			['GET', 'g'],
			['OBJECT', 'FREQ', 'g'],
		];
		const { engine, ours, theirs } = await both(c, lines);
		expect(ours).toEqual(theirs);
		// Once the child is reaped, a read counts again.
		for (let i = 0; i < 100; i++) {
			const info = await c.send(['INFO', 'persistence']);
			if (field(info, 'rdb_bgsave_in_progress') === '0') break;
			await sleep(50);
		}
		engine.clock.advance(1_000);
		const after = [
			['GET', 'g'],
			['OBJECT', 'FREQ', 'g'],
			['CONFIG', 'SET', 'maxmemory-policy', 'noeviction'],
		];
		expect(after.map((argv) => engine.exec(argv))).toEqual(await c.pipeline(after));
	});
});
