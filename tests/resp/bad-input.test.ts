// Hostile and broken clients: malformed RESP gets Redis's exact protocol error and a closed
// connection; garbage, half commands and floods never crash the server nor stall other clients.
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RespServer } from '../../src/resp/server.ts';
import { startOurs } from './harness.ts';

let server: RespServer;
beforeAll(async () => {
	server = await startOurs();
});
afterAll(async () => {
	await server.close();
});

function dial(): Promise<Socket> {
	return new Promise((resolve, reject) => {
		const s = connect(server.port, '127.0.0.1', () => resolve(s));
		s.once('error', reject);
	});
}

/** Sends `bytes`, collects what comes back until the server closes or `waitMs` passes. */
async function exchange(
	bytes: string | Buffer,
	waitMs = 300,
): Promise<{ reply: string; closed: boolean }> {
	const s = await dial();
	return new Promise((resolve) => {
		let reply = '';
		let closed = false;
		const finish = () => {
			clearTimeout(timer);
			s.destroy();
			resolve({ reply, closed });
		};
		const timer = setTimeout(finish, waitMs);
		s.on('data', (d) => (reply += d.toString('latin1')));
		s.on('close', () => {
			closed = true;
			finish();
		});
		s.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
	});
}

/** A well-behaved client answered promptly: the server is alive and fair. */
async function healthy(): Promise<void> {
	const started = Date.now();
	const s = await dial();
	const reply = await new Promise<string>((resolve) => {
		let got = '';
		const timer = setTimeout(() => resolve(got), 2000);
		s.on('data', (d) => {
			got += d.toString('latin1');
			if (got.endsWith('\r\n')) {
				clearTimeout(timer);
				resolve(got);
			}
		});
		s.write('*2\r\n$3\r\nGET\r\n$7\r\nnothing\r\n');
	});
	s.destroy();
	expect(reply).toBe('$-1\r\n');
	expect(Date.now() - started).toBeLessThan(1000);
}

describe('malformed RESP', () => {
	const cases: [string, string][] = [
		['*3000000000\r\n', 'invalid multibulk length'],
		['*x\r\n', 'invalid multibulk length'],
		['*1\r\n$-2\r\n', 'invalid bulk length'],
		['*1\r\n$536870913\r\n', 'invalid bulk length'],
		['*1\r\n+PING\r\n', "expected '$', got '+'"],
		['SET a "b\r\n', 'unbalanced quotes in request'],
		['PING ' + 'x'.repeat(70_000), 'too big inline request'],
		['*' + '1'.repeat(70_000), 'too big mbulk count string'],
		['*1\r\n$' + '1'.repeat(70_000), 'too big bulk count string'],
	];
	for (const [input, message] of cases) {
		it(`replies "-ERR Protocol error: ${message}" and closes`, async () => {
			const { reply, closed } = await exchange(input);
			expect(reply).toBe(`-ERR Protocol error: ${message}\r\n`);
			expect(closed).toBe(true);
		});
	}

	it('answers the commands before the error, then the error, and nothing after', async () => {
		const { reply, closed } = await exchange(
			'GET a\r\n*2\r\n$3\r\nGET\r\n$1\r\na\r\n*1\r\nx\r\nPING\r\n',
		);
		expect(reply).toBe("$-1\r\n$-1\r\n-ERR Protocol error: expected '$', got 'x'\r\n");
		expect(closed).toBe(true);
	});

	it('QUIT replies OK and closes, ignoring what follows', async () => {
		expect(await exchange('QUIT\r\nPING\r\n')).toEqual({ reply: '+OK\r\n', closed: true });
	});
});

describe('abuse never hurts the server or other clients', () => {
	it('survives random garbage from many clients', async () => {
		let seed = 7;
		const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
		const garbage = Array.from({ length: 30 }, () =>
			Buffer.from(
				Array.from({ length: 1 + Math.floor(rand() * 4000) }, () => Math.floor(rand() * 256)),
			),
		);
		await Promise.all(garbage.map((g) => exchange(g, 150)));
		await healthy();
	});

	it('forgets a client that sent half a command and vanished, buffers and all', async () => {
		const before = server.hub.bufferBytes;
		const s = await dial();
		s.write(`*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1000000\r\n${'v'.repeat(400_000)}`);
		await new Promise((r) => setTimeout(r, 150));
		// The half-read value counts toward used_memory while it is held.
		expect(server.hub.bufferBytes - before).toBeGreaterThan(350_000);
		s.destroy();
		await new Promise((r) => setTimeout(r, 150));
		expect(server.hub.bufferBytes).toBe(before);
		await healthy();
	});

	it('stays fair to others while one client floods pipelines without reading', async () => {
		const flooder = await dial();
		flooder.pause(); // never reads its replies
		const chunk = Buffer.from(
			'*3\r\n$3\r\nSET\r\n$1\r\nf\r\n$3\r\nabc\r\n*2\r\n$3\r\nGET\r\n$1\r\nf\r\n'.repeat(2000),
		);
		let sent = 0;
		const deadline = Date.now() + 1500;
		await new Promise<void>((resolve) => {
			const pump = () => {
				while (Date.now() < deadline && flooder.write(chunk)) sent += chunk.length;
				if (Date.now() >= deadline) resolve();
				else flooder.once('drain', pump);
			};
			pump();
			setTimeout(resolve, 1600);
		});
		await healthy();
		// Unsent replies are bounded: the flooder was paused rather than buffered without limit.
		expect(server.hub.bufferBytes).toBeLessThan(64 * 1024 * 1024);
		expect(sent).toBeGreaterThan(0);
		flooder.destroy();
		await new Promise((r) => setTimeout(r, 100));
		await healthy();
	}, 10_000);

	it('counts client buffers in INFO memory used_memory', async () => {
		const s = await dial();
		const base = server.hub.engine.usedMemory();
		s.write(`*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$2000000\r\n${'v'.repeat(1_000_000)}`);
		await new Promise((r) => setTimeout(r, 150));
		expect(server.hub.engine.usedMemory() - base).toBeGreaterThan(900_000);
		s.destroy();
		await new Promise((r) => setTimeout(r, 100));
	});
});
