// SHUTDOWN over RESP, on our server and on a live redis-server 7.0: no reply, the connection
// closes; after it, our engine refuses every command, so other connections are closed too.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RespServer } from '../../src/resp/server.ts';
import { encodeCommand } from '../redis/resp-client.ts';
import { startRedisServer } from '../redis/server.ts';
import { startOurs, toolPolicy } from './harness.ts';

const policy = toolPolicy('redis-server');

/** Sends `argv` on a fresh connection; resolves with the bytes received once the socket closes. */
function sendAndWaitClose(port: number, argv: string[], timeoutMs = 5000): Promise<string> {
	return new Promise((resolve, reject) => {
		const socket = connect(port, '127.0.0.1');
		let got = '';
		const timer = setTimeout(() => {
			socket.destroy();
			reject(new Error(`still open after ${timeoutMs} ms; received ${JSON.stringify(got)}`));
		}, timeoutMs);
		socket.on('connect', () => socket.write(encodeCommand(argv)));
		socket.on('data', (d) => (got += d.toString('latin1')));
		socket.on('error', () => {});
		socket.on('close', () => {
			clearTimeout(timer);
			resolve(got);
		});
	});
}

describe('SHUTDOWN closes the connection without a reply', () => {
	let ours: RespServer;
	beforeAll(async () => {
		ours = await startOurs();
	});
	afterAll(async () => {
		await ours.close();
	});

	it('on our server, and every later command on any connection is refused by closing', async () => {
		expect(await sendAndWaitClose(ours.port, ['SHUTDOWN', 'NOSAVE'])).toBe('');
		expect(await sendAndWaitClose(ours.port, ['PING'])).toBe('');
	});

	it('on redis-server 7.0', async (ctx) => {
		if (policy.mode === 'fail') expect.fail(policy.reason);
		if (policy.mode === 'skip') return ctx.skip();
		const real = await startRedisServer('redis-server');
		try {
			expect(await sendAndWaitClose(real.port, ['SHUTDOWN', 'NOSAVE'])).toBe('');
		} finally {
			await real.stop();
		}
	}, 20_000);
});
