// Blocking list commands over real sockets: an ioredis connection that runs BLPOP on empty keys
// waits, another connection's push wakes it (first blocked, first served), its later pipelined
// commands wait behind it, and a timeout answers nil, all on the wall-driven virtual clock.
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RespServer } from '../../src/resp/server.ts';
import { startOurs } from './harness.ts';

let server: RespServer;
const clients: Redis[] = [];
const open = (): Redis => {
	const c = new Redis({ port: server.port, host: '127.0.0.1', maxRetriesPerRequest: 0 });
	clients.push(c);
	return c;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
	server = await startOurs();
});
afterAll(async () => {
	for (const c of clients) c.disconnect();
	await server.close();
});

describe('blocking list commands over RESP', () => {
	it('BLPOP waits until another connection pushes, then replies [key, element]', async () => {
		const waiter = open();
		const pusher = open();
		let settled = false;
		const popped = waiter.blpop('q1', 'q2', 0).then((r) => ((settled = true), r));
		await sleep(80);
		expect(settled).toBe(false);
		expect(await pusher.rpush('q2', 'job')).toBe(1);
		expect(await popped).toEqual(['q2', 'job']);
		expect(await pusher.exists('q2')).toBe(0);
	});

	it('serves blocked clients first come, first served, one element each', async () => {
		const a = open();
		const b = open();
		const pusher = open();
		const first = a.brpop('fifo', 0);
		await sleep(40);
		const second = b.brpop('fifo', 0);
		await sleep(40);
		expect(await pusher.lpush('fifo', 'x', 'y', 'z')).toBe(3);
		expect(await first).toEqual(['fifo', 'x']);
		expect(await second).toEqual(['fifo', 'y']);
		expect(await pusher.lrange('fifo', 0, -1)).toEqual(['z']);
	});

	it('keeps a blocked connection’s pipelined commands until it is answered', async () => {
		const waiter = open();
		const pusher = open();
		const p = waiter.pipeline().blmove('src', 'dst', 'LEFT', 'RIGHT', 0).llen('dst').exec();
		await sleep(60);
		await pusher.rpush('src', 'm');
		const results = await p;
		expect(results).toEqual([
			[null, 'm'],
			[null, 1],
		]);
	});

	it('times out with a nil reply on the clock that follows wall time', async () => {
		const waiter = open();
		const started = Date.now();
		expect(await waiter.blpop('never', 0.15)).toBeNull();
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
		expect(await waiter.ping()).toBe('PONG');
	});

	it('BLMPOP wakes with up to COUNT elements; INFO counts blocked clients', async () => {
		const waiter = open();
		const other = open();
		const popped = waiter.call('BLMPOP', '0', '1', 'mq', 'LEFT', 'COUNT', '2');
		await sleep(60);
		expect(await other.info('clients')).toMatch(/blocked_clients:1\r\n/);
		await other.rpush('mq', 'a', 'b', 'c');
		expect(await popped).toEqual(['mq', ['a', 'b']]);
		expect(await other.info('clients')).toMatch(/blocked_clients:0\r\n/);
	});

	it('a closed blocked connection stops waiting and takes nothing', async () => {
		const waiter = open();
		const pusher = open();
		waiter.blpop('gone', 0).catch(() => {});
		await sleep(40);
		waiter.disconnect();
		await sleep(40);
		await pusher.rpush('gone', 'kept');
		expect(await pusher.lrange('gone', 0, -1)).toEqual(['kept']);
	});
});
