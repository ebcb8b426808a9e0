// ioredis, a client written by others, against our server: pipelines, many connections, expiry
// over real time, errors and transactions. In-process server on a free loopback port.
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RespServer } from '../../src/resp/server.ts';
import { startOurs } from './harness.ts';

let server: RespServer;
const clients: Redis[] = [];
const open = (db = 0): Redis => {
	const c = new Redis({ port: server.port, host: '127.0.0.1', db, maxRetriesPerRequest: 0 });
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

describe('ioredis against the RESP server', () => {
	it('connects (INFO ready check) and round-trips binary values', async () => {
		const r = open();
		expect(await r.ping()).toBe('PONG');
		const bytes = Buffer.from([0, 255, 13, 10, 0xc3, 0xa9]);
		expect(await r.set('bin', bytes)).toBe('OK');
		expect(Buffer.compare((await r.getBuffer('bin'))!, bytes)).toBe(0);
		expect(await r.strlen('bin')).toBe(6);
		expect(await r.set('big', 'x'.repeat(1 << 20))).toBe('OK');
		expect((await r.get('big'))!.length).toBe(1 << 20);
	});

	it('runs a 5,000-command pipeline in order', async () => {
		const r = open();
		const p = r.pipeline();
		for (let i = 0; i < 2500; i++) p.set(`p:${i}`, String(i));
		for (let i = 0; i < 2500; i++) p.get(`p:${i}`);
		const out = await p.exec();
		expect(out).toHaveLength(5000);
		expect(out!.slice(0, 2500).every(([e, v]) => e === null && v === 'OK')).toBe(true);
		expect(out!.slice(2500).map(([, v]) => v)).toEqual(
			Array.from({ length: 2500 }, (_, i) => String(i)),
		);
	});

	it('serves 40 connections at once, each with its selected database and name', async () => {
		const conns = Array.from({ length: 40 }, (_, i) => open(i % 8)); // dbs 8–15 stay empty
		await Promise.all(
			conns.map(async (c, i) => {
				await c.client('SETNAME', `c${i}`);
				for (let n = 0; n < 25; n++) await c.incr('counter');
			}),
		);
		const totals = await Promise.all(conns.slice(0, 8).map((c) => c.get('counter')));
		expect(totals.reduce((a, v) => a + Number(v), 0)).toBe(40 * 25);
		expect(await conns[5]!.client('GETNAME')).toBe('c5');
		const list = (await conns[0]!.client('LIST')) as string;
		expect(list.split('\n').filter((l) => / name=c\d+ /.test(l))).toHaveLength(40);
	});

	it('expires keys in real time, lazily and by the active cycle', async () => {
		const r = open(9);
		await r.set('short', 'v', 'PX', 400);
		const many = r.pipeline();
		for (let i = 0; i < 200; i++) many.set(`gone:${i}`, 'v', 'PX', 300);
		await many.exec();
		expect(await r.get('short')).toBe('v');
		const pttl = await r.pttl('short');
		expect(pttl).toBeGreaterThan(200);
		expect(pttl).toBeLessThanOrEqual(400);
		await sleep(1300);
		// Never touched again: only active expiry can have removed these.
		expect(await r.dbsize()).toBe(0);
		expect(await r.get('short')).toBeNull();
		expect(await r.ttl('short')).toBe(-2);
	}, 10_000);

	it('reports errors as Redis does, and the connection stays usable', async () => {
		const r = open();
		await r.hset('h', 'f', 'v');
		await expect(r.get('h')).rejects.toThrow(
			'WRONGTYPE Operation against a key holding the wrong kind of value',
		);
		await expect(r.call('NOSUCH', 'a')).rejects.toThrow(
			"ERR unknown command 'NOSUCH', with args beginning with: 'a' ",
		);
		await expect(r.call('GET')).rejects.toThrow("ERR wrong number of arguments for 'get' command");
		expect(await r.ping()).toBe('PONG');
	});

	it('runs MULTI/EXEC and aborts on a queued error (EXECABORT)', async () => {
		const r = open();
		expect(await r.multi().set('t', '1').incr('t').get('t').exec()).toEqual([
			[null, 'OK'],
			[null, 2],
			[null, '2'],
		]);
		await expect(r.multi().set('t', '5').call('NOSUCH').exec()).rejects.toThrow('EXECABORT');
		expect(await r.get('t')).toBe('2');
	});

	it('WATCH fails EXEC when another connection writes the key', async () => {
		const a = open();
		const b = open();
		await a.set('w', '1');
		await a.watch('w');
		await b.set('w', '2');
		expect(await a.multi().set('w', '3').exec()).toBeNull();
		expect(await a.get('w')).toBe('2');
	});
});
