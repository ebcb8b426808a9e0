// The connection-level behaviour of our RESP server against a live redis-server 7.0, byte for byte
// where the bytes do not name a socket: CLIENT INFO/LIST buffers for the running command, CLIENT
// KILL in both forms, CLIENT REPLY, CLIENT HELP, MONITOR's feed, INFO commandstats/errorstats,
// DEBUG PROTOCOL's framings, the wall clock under GETEX PXAT, and a protocol error closing the
// connection.
import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/engine/index.ts';
import { encodeCommand, RespClient } from '../redis/resp-client.ts';
import { bothServers, startOurs } from './harness.ts';

const servers = bothServers();
const { policy } = servers;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `done()` holds, up to `ms` (a loaded machine is slow to deliver a close). */
async function until(done: () => boolean, ms = 2000): Promise<void> {
	for (const end = Date.now() + ms; !done() && Date.now() < end;) await sleep(10);
}

/** A raw connection that records every byte it receives and whether it was closed. */
interface Raw {
	readonly socket: Socket;
	received(): string;
	closed(): boolean;
	send(...commands: string[][]): void;
	/** Waits until `n` bytes more than `from` arrived, the socket closed, or `ms` passed. */
	settle(ms?: number): Promise<string>;
}

function raw(port: number): Promise<Raw> {
	return new Promise((resolve, reject) => {
		let got = '';
		let isClosed = false;
		const socket = connect(port, '127.0.0.1', () =>
			resolve({
				socket,
				received: () => got,
				closed: () => isClosed,
				send: (...commands) => socket.write(Buffer.concat(commands.map(encodeCommand))),
				async settle(ms = 150) {
					await sleep(ms);
					return got;
				},
			}),
		);
		socket.on('data', (d) => (got += d.toString('latin1')));
		socket.on('close', () => (isClosed = true));
		socket.on('error', () => {});
		socket.once('error', reject);
	});
}

/** Sends 1 KB pieces of one endless inline line until the server answers and closes. */
async function garbage(
	port: number,
): Promise<{ reply: string; closed: boolean; sentAtReply: number }> {
	const c = await raw(port);
	let sent = 0;
	let sentAtReply = -1;
	const piece = Buffer.alloc(1024, 'x');
	while (!c.closed() && sent < 1024 * 1024) {
		if (sentAtReply < 0 && c.received() !== '') sentAtReply = sent;
		if (sentAtReply < 0) {
			c.socket.write(piece);
			sent += piece.length;
		}
		await sleep(2);
	}
	if (sentAtReply < 0 && c.received() !== '') sentAtReply = sent;
	c.socket.destroy();
	return { reply: c.received(), closed: c.closed(), sentAtReply };
}

/** Both servers' ports, or null (and the test skipped / failed) without redis-server. */
function ports(ctx: { skip: () => void }): [number, number] {
	if (policy.mode === 'fail') expect.fail(policy.reason);
	const real = servers.real;
	if (!real) {
		ctx.skip();
		throw new Error('unreachable');
	}
	return [servers.ours.port, real.port];
}

/** CLIENT LIST fields that name this socket, process or moment rather than Redis's behaviour. */
const VARYING = /\b(id|addr|laddr|fd|age|idle)=\S*/g;
const normal = (s: string) => s.replace(VARYING, '$1=*');
/** Also the reply buffer, which serverCron resizes at its own 100 ms ticks: tot-mem is kept, less
 * the buffer's size, so the rest of the client's memory is still compared. */
const withoutCron = (s: string) =>
	normal(s).replace(
		/rbs=(\d+) rbp=\d+(.*)tot-mem=(\d+)/,
		(_, rbs: string, mid: string, tot: string) =>
			`rbs=* rbp=*${mid}tot-mem=${Number(tot) - Number(rbs)}+rbs`,
	);

const bulkText = (r: Reply): string => (r.type === 'bulk' ? (r.value ?? '') : JSON.stringify(r));

describe('CLIENT INFO / LIST report the running command as Redis does', () => {
	it('qbuf, qbuf-free, argv-mem and tot-mem, alone and pipelined', async (ctx) => {
		const out: string[][] = [];
		for (const port of ports(ctx)) {
			const c = await raw(port);
			c.send(['CLIENT', 'INFO']);
			await c.settle(60);
			c.send(['CLIENT', 'INFO'], ['CLIENT', 'INFO']);
			await c.settle(60);
			c.send(['SET', 'k', 'v'.repeat(100)], ['CLIENT', 'INFO']);
			const got = await c.settle(60);
			c.socket.destroy();
			out.push(got.split('\r\n'));
		}
		// The replies' lengths follow the rbp digits; obl, the replies already pending in the
		// same read, is checked against them below.
		const blur = (lines: string[]) =>
			lines.map((l) =>
				withoutCron(l)
					.replace(/^\$\d+$/, '$*')
					.replace(/obl=[1-9]\d*/, 'obl>0'),
			);
		expect(blur(out[0]!)).toEqual(blur(out[1]!));
		const [, , pipedHead, pipedFirst, , second] = out[0]!;
		expect(second).toContain(`obl=${pipedHead!.length + pipedFirst!.length + 4} `);
	});

	it('the query buffer: 4 bytes before the first read, 16 KB after, a big bulk its own size', async (ctx) => {
		const seen: string[][] = [];
		const qbufOf = (list: Reply, name: string) => {
			const line = bulkText(list)
				.split('\n')
				.find((l) => l.includes(` name=${name} `));
			return /qbuf=\d+ qbuf-free=\d+/.exec(line ?? '')?.[0] ?? `no ${name}`;
		};
		for (const port of ports(ctx)) {
			const observer = await RespClient.open(port);
			const subject = await RespClient.open(port);
			const row: string[] = [];
			const fresh = bulkText(await observer.send(['CLIENT', 'LIST']))
				.split('\n')
				.find((l) => l.includes(' name= ') && l.includes(' cmd=NULL '));
			row.push(/qbuf=\d+ qbuf-free=\d+/.exec(fresh ?? '')?.[0] ?? 'no fresh client');
			await subject.send(['CLIENT', 'SETNAME', 'subject']);
			row.push(qbufOf(await observer.send(['CLIENT', 'LIST']), 'subject'));
			await subject.send(['SET', 'big', 'A'.repeat(400_000)]);
			row.push(qbufOf(await observer.send(['CLIENT', 'LIST']), 'subject'));
			seen.push(row);
			subject.close();
			observer.close();
		}
		expect(seen[0]).toEqual([
			'qbuf=0 qbuf-free=4',
			'qbuf=0 qbuf-free=20474',
			'qbuf=0 qbuf-free=458742',
		]);
		// The cron trims the big buffer within two of its 100 ms visits: the real server's third
		// figure is only compared where it has not yet.
		expect(seen[1]!.slice(0, 2)).toEqual(seen[0]!.slice(0, 2));
		if (seen[1]![2] !== 'qbuf=0 qbuf-free=0') expect(seen[1]![2]).toBe(seen[0]![2]);
	});

	it('the reply buffer shrinks to 1 KB once the cron has seen an idle client twice', async (ctx) => {
		const out: string[] = [];
		for (const port of ports(ctx)) {
			const c = await raw(port);
			await sleep(350);
			c.send(['CLIENT', 'INFO']);
			// The bulk's length follows the digits of id, fd and the port, which are not compared.
			out.push(normal(await c.settle(60)).replace(/^\$\d+/, '$*'));
			c.socket.destroy();
		}
		expect(out[0]).toBe(out[1]);
		expect(out[0]).toContain('rbs=1024 rbp=0 obl=0 oll=0 omem=0 tot-mem=22298');
	});

	it('another idle connection, by CLIENT LIST ID', async (ctx) => {
		const out: string[] = [];
		for (const port of ports(ctx)) {
			const idle = await RespClient.open(port);
			const id = await idle.send(['CLIENT', 'ID']);
			const me = await RespClient.open(port);
			await idle.send(['PING']);
			out.push(withoutCron(bulkText(await me.send(['CLIENT', 'LIST', 'ID', String(id.value)]))));
			idle.close();
			me.close();
		}
		expect(out[0]).toBe(out[1]);
	});
});

describe('CLIENT KILL', () => {
	const errors = [
		['CLIENT', 'KILL'],
		['CLIENT', 'KILL', '1.2.3.4:5'],
		['CLIENT', 'KILL', 'ID', '0'],
		['CLIENT', 'KILL', 'ID', 'x'],
		['CLIENT', 'KILL', 'ID', '999999'],
		['CLIENT', 'KILL', 'TYPE', 'foo', 'x'],
		['CLIENT', 'KILL', 'TYPE', 'master'],
		['CLIENT', 'KILL', 'USER', 'bob'],
		['CLIENT', 'KILL', 'USER', 'default', 'ADDR', '9.9.9.9:9'],
		['CLIENT', 'KILL', 'SKIPME', 'maybe'],
		['CLIENT', 'KILL', 'foo', 'bar'],
		['CLIENT', 'KILL', 'a', 'b', 'c'],
		['CLIENT', 'KILL', 'ID', '1', 'TYPE'],
	];

	it('answers every malformed or unmatched form as Redis does', async (ctx) => {
		const out: Reply[][] = [];
		for (const port of ports(ctx)) {
			const c = await RespClient.open(port);
			out.push(await c.pipeline(errors));
			c.close();
		}
		expect(out[0]).toEqual(out[1]);
	});

	it('kills by ID, by ADDR (old form), by LADDR and TYPE; itself only with SKIPME no', async (ctx) => {
		const out: string[][] = [];
		for (const port of ports(ctx)) {
			const trail: string[] = [];
			const me = await RespClient.open(port);
			const victims = await Promise.all([raw(port), raw(port), raw(port)]);
			for (const v of victims) v.send(['CLIENT', 'INFO']);
			await until(() => victims.every((v) => v.received().endsWith('\n\r\n')));
			const info = victims.map((v) => v.received());
			const field = (line: string, name: string) => new RegExp(`${name}=(\\S+)`).exec(line)![1]!;
			trail.push(JSON.stringify(await me.send(['CLIENT', 'KILL', 'ID', field(info[0]!, 'id')])));
			trail.push(JSON.stringify(await me.send(['CLIENT', 'KILL', field(info[1]!, 'addr')])));
			await until(() => victims[0]!.closed() && victims[1]!.closed());
			trail.push(`closed: ${victims.map((v) => v.closed()).join(' ')}`);
			const laddr = field(info[2]!, 'laddr');
			const killed = await me.send(['CLIENT', 'KILL', 'LADDR', laddr, 'TYPE', 'normal']);
			trail.push(JSON.stringify(killed));
			await until(() => victims[2]!.closed());
			trail.push(`closed: ${victims[2]!.closed()}`);
			me.close();
			const self = await raw(port);
			self.send(['CLIENT', 'KILL', 'SKIPME', 'no', 'TYPE', 'normal'], ['PING']);
			await until(() => self.closed());
			trail.push(JSON.stringify(self.received()), `closed: ${self.closed()}`);
			out.push(trail);
		}
		expect(out[0]).toEqual(out[1]);
	});
});

describe('CLIENT REPLY and CLIENT HELP', () => {
	it('OFF, ON and SKIP drop exactly the replies Redis drops', async (ctx) => {
		const out: string[] = [];
		for (const port of ports(ctx)) {
			const c = await raw(port);
			c.send(
				['CLIENT', 'REPLY', 'OFF'],
				['PING', 'a'],
				['CLIENT', 'REPLY', 'SKIP'],
				['CLIENT', 'REPLY', 'ON'],
				['PING', 'b'],
				['CLIENT', 'REPLY', 'SKIP'],
				['PING', 'c'],
				['PING', 'd'],
				['CLIENT', 'REPLY', 'SKIP'],
				['NOSUCH'],
				['CLIENT', 'REPLY', 'maybe'],
				['CLIENT', 'REPLY'],
				['MULTI'],
				['CLIENT', 'REPLY', 'OFF'],
				['DISCARD'],
				['CLIENT', 'HELP'],
			);
			out.push(await c.settle());
			c.socket.destroy();
		}
		expect(out[0]).toBe(out[1]);
	});
});

describe('MONITOR', () => {
	it('streams what call() runs, in Redis format, to every monitor', async (ctx) => {
		const out: string[] = [];
		for (const port of ports(ctx)) {
			const mon = await raw(port);
			mon.send(['MONITOR']);
			await sleep(50);
			const c = await raw(port);
			c.send(
				['SET', 'k', 'a b"\\\n\x01\xff'],
				['GET'],
				['NOSUCH'],
				['MULTI'],
				['SET', 'x', '1'],
				['INCR', 'x'],
				['EXEC'],
				['SELECT', '2'],
				['CONFIG', 'GET', 'hz'],
				['CLIENT', 'LIST'],
				['CLIENT', 'INFO'],
				['AUTH', 'secret'],
				['HELLO', '2', 'AUTH', 'default', 'pw', 'SETNAME', 'n'],
				['SELECT', '0'],
			);
			await c.settle(150);
			const lines = mon
				.received()
				.replace(/^\+\d+\.\d{6} \[(\d+) [^\]]+\]/gm, '+<time> [$1 <addr>]');
			out.push(lines);
			mon.socket.destroy();
			c.socket.destroy();
		}
		expect(out[0]).toBe(out[1]);
		expect(out[0]).toContain('+<time> [0 <addr>] "SET" "k" "a b\\"\\\\\\n\\x01\\xff"\r\n');
	});

	it("a second MONITOR answers nothing; a monitor's own commands answer, then feed it", async (ctx) => {
		const out: string[] = [];
		for (const port of ports(ctx)) {
			const mon = await raw(port);
			mon.send(['MONITOR'], ['MONITOR'], ['PING']);
			await mon.settle(150);
			out.push(mon.received().replace(/^\+\d+\.\d{6} \[(\d+) [^\]]+\]/gm, '+<time> [$1 <addr>]'));
			mon.socket.destroy();
		}
		expect(out[0]).toBe(out[1]);
		// Its own PING is fed to it too, after its reply.
		expect(out[0]).toBe('+OK\r\n+PONG\r\n+<time> [0 <addr>] "PING"\r\n');
	});

	it('feeds a blocking command when it is called, not when it is served', async (ctx) => {
		const out: string[] = [];
		for (const port of ports(ctx)) {
			const mon = await raw(port);
			mon.send(['MONITOR']);
			await sleep(50);
			const waiting = await raw(port);
			waiting.send(['BLPOP', 'fed:list', '0']);
			await sleep(50);
			const before = mon.received();
			const pusher = await raw(port);
			pusher.send(['RPUSH', 'fed:list', 'v']);
			await until(() => waiting.received() !== '');
			await sleep(50);
			const mask = (s: string) => s.replace(/^\+\d+\.\d{6} \[(\d+) [^\]]+\]/gm, '+<time> [$1]');
			out.push(`${mask(before)}|${mask(mon.received())}|${waiting.received()}`);
			for (const c of [mon, waiting, pusher]) c.socket.destroy();
		}
		expect(out[0]).toBe(out[1]);
		const blpop = '+OK\r\n+<time> [0] "BLPOP" "fed:list" "0"\r\n';
		expect(out[0]).toBe(
			`${blpop}|${blpop}+<time> [0] "RPUSH" "fed:list" "v"\r\n|*2\r\n$8\r\nfed:list\r\n$1\r\nv\r\n`,
		);
	});

	it('stamps lines with the wall clock and the client address', async () => {
		const mon = await raw(servers.ours.port);
		mon.send(['MONITOR']);
		await sleep(30);
		const c = await RespClient.open(servers.ours.port);
		const addr = /addr=(\S+)/.exec(bulkText(await c.send(['CLIENT', 'INFO'])))![1]!;
		const before = Date.now() / 1000;
		await c.send(['PING']);
		await sleep(30);
		const m = /\+(\d+\.\d{6}) \[0 (\S+)\] "PING"/.exec(mon.received());
		expect(m?.[2]).toBe(addr);
		expect(Number(m?.[1])).toBeGreaterThanOrEqual(before - 0.01);
		expect(Number(m?.[1])).toBeLessThan(before + 5);
		c.close();
		mon.socket.destroy();
	});
});

describe('QUIT, RESET and what a monitor may not do', () => {
	/** Each script on a fresh connection: the bytes back (MONITOR lines' time and address masked) and
	 * whether the server closed it. */
	async function play(port: number, script: string[][]): Promise<string> {
		const c = await raw(port);
		c.send(...script);
		await c.settle(200);
		c.socket.destroy();
		const got = c.received().replace(/^\+\d+\.\d{6} \[(\d+) [^\]]+\]/gm, '+<time> [$1 <addr>]');
		return `${JSON.stringify(got)} ${c.closed() ? 'closed' : 'open'}`;
	}
	const scripts: Record<string, string[][]> = {
		'QUIT with arguments closes': [['QUIT', 'now'], ['PING']],
		'QUIT inside MULTI is not queued': [['MULTI'], ['QUIT', 'x'], ['PING']],
		'a QUIT nobody hears leaves the connection open, reading nothing': [
			['CLIENT', 'REPLY', 'OFF'],
			['QUIT'],
			['PING'],
		],
		'… and so does one after SKIP': [['CLIENT', 'REPLY', 'SKIP'], ['QUIT'], ['PING']],
		'… unless something else was written': [['PING'], ['CLIENT', 'REPLY', 'OFF'], ['QUIT']],
		'RESET lifts CLIENT REPLY OFF and answers': [['CLIENT', 'REPLY', 'OFF'], ['RESET'], ['PING']],
		'CLIENT REPLY ON right after SKIP answers OK': [
			['CLIENT', 'REPLY', 'SKIP'],
			['CLIENT', 'REPLY', 'ON'],
			['PING'],
		],
		'a monitor may not touch keys, and RESET ends monitoring': [
			['MONITOR'],
			['GET', 'x'],
			['SET', 'x', '1'],
			['PING'],
			['RESET'],
			['PING'],
			['GET', 'x'],
		],
		'MONITOR inside EXEC is refused': [['MULTI'], ['MONITOR'], ['EXEC'], ['PING']],
	};
	for (const [name, script] of Object.entries(scripts)) {
		it(name, async (ctx) => {
			const [ourPort, realPort] = ports(ctx);
			expect(await play(ourPort, script)).toBe(await play(realPort, script));
		});
	}

	it('a blocking timeout under a millisecond times out, not waits for ever', async (ctx) => {
		for (const port of ports(ctx)) {
			const c = await raw(port);
			c.send(['BZPOPMIN', 'nokey', '0.0005'], ['BLPOP', 'nokey', '1e-10']);
			await until(() => c.received().length >= 10, 1000);
			expect(c.received(), String(port)).toBe('*-1\r\n*-1\r\n');
			c.socket.destroy();
		}
	});

	it('a timeout whose deadline overflows waits, counted in the timeout table', async (ctx) => {
		const out: string[] = [];
		for (const port of ports(ctx)) {
			const waiting = await raw(port);
			waiting.send(['BLPOP', 'overflow:list', '9223372036854775']);
			await sleep(300);
			const other = await RespClient.open(port);
			const info = bulkText(await other.send(['INFO', 'clients']));
			const counts = info.match(/(blocked_clients|clients_in_timeout_table):\d+/g)?.join(' ');
			out.push(`${JSON.stringify(waiting.received())} ${counts}`);
			other.close();
			waiting.socket.destroy();
		}
		expect(out[0]).toBe(out[1]);
		expect(out[0]).toBe('"" blocked_clients:1 clients_in_timeout_table:1');
	});

	it('a protocol error nobody hears leaves the connection open too', async (ctx) => {
		const out: string[] = [];
		for (const port of ports(ctx)) {
			const c = await raw(port);
			c.socket.write('CLIENT REPLY OFF\r\n*abc\r\nPING\r\n');
			await c.settle(200);
			out.push(`${JSON.stringify(c.received())} ${c.closed() ? 'closed' : 'open'}`);
			c.socket.destroy();
		}
		expect(out[0]).toBe(out[1]);
		expect(out[0]).toBe('"" open');
	});
});

describe('INFO commandstats and errorstats over the wire', () => {
	const script = [
		['CONFIG', 'RESETSTAT'],
		['SET', 'a', '1'],
		['GET', 'a'],
		['GET'],
		['CONFIG'],
		['CONFIG', 'NOSUCH'],
		['NOSUCH'],
		['HSET', 'a', 'f', 'v'],
		['INCR', 'a', 'b'],
		['MULTI'],
		['SET', 'a', '2'],
		['GET'],
		['EXEC'],
		['EXEC'],
		['CLIENT', 'ID'],
		['CLIENT', 'INFO', 'x'],
		['CONFIG', 'SET', 'maxmemory', 'x'],
	];
	/** The Commandstats and Errorstats lines, usec figures blanked, sorted (Redis prints in
	 * hash order). */
	const stats = (r: Reply) =>
		bulkText(r)
			.split('\r\n')
			.filter((l) => l.startsWith('cmdstat_') || l.startsWith('errorstat_'))
			.map((l) => l.replace(/usec=\d+,usec_per_call=[\d.]+/, 'usec=*'))
			.sort();

	it('count calls, rejections and failures as Redis does', async (ctx) => {
		const out: string[][] = [];
		for (const port of ports(ctx)) {
			const c = await RespClient.open(port);
			await c.pipeline(script);
			out.push(stats(await c.send(['INFO', 'commandstats', 'errorstats'])));
			// A protocol error is an error reply too.
			const bad = await raw(port);
			bad.socket.write('*1\r\n$x\r\n');
			await bad.settle(50);
			out.push(stats(await c.send(['INFO', 'errorstats'])));
			c.close();
		}
		expect(out[0]).toEqual(out[2]);
		expect(out[1]).toEqual(out[3]);
		expect(out[0]).toContain('cmdstat_get:calls=1,usec=*,rejected_calls=2,failed_calls=0');
	});
});

describe('DEBUG PROTOCOL in RESP2 and RESP3', () => {
	const TYPES = [
		...['string', 'integer', 'double', 'bignum', 'null', 'array', 'set', 'map', 'attrib'],
		...['push', 'verbatim', 'true', 'false', 'bogus', 'TRUE'],
	];

	it('frames every type byte for byte as Redis does, after HELLO 2 and HELLO 3', async (ctx) => {
		const out: string[] = [];
		for (const port of ports(ctx)) {
			const c = await raw(port);
			for (const proto of ['2', '3']) {
				c.send(['HELLO', proto]);
				await c.settle(60);
				const before = c.received().length;
				c.send(...TYPES.map((t) => ['DEBUG', 'PROTOCOL', t]), ['DEBUG', 'PROTOCOL']);
				const got = await c.settle(100);
				out.push(got.slice(before));
			}
			c.socket.destroy();
		}
		expect(out[0]).toBe(out[2]);
		expect(out[1]).toBe(out[3]);
		// RESP3's own kinds: a big number, booleans, verbatim text, an attribute and a push frame.
		for (const frame of ['(1234567', '#t\r\n', '=29\r\ntxt:', '|1\r\n', '>2\r\n'])
			expect(out[1]).toContain(frame);
		expect(out[0]).toContain('-ERR RESP2 is not supported by this command\r\n');
	});
});

describe('CONFIG SET port moves the listener', () => {
	it('refuses a port in use, rolling the whole CONFIG SET back, as Redis does', async (ctx) => {
		const [ourPort, theirPort] = ports(ctx);
		const replies: Reply[] = [];
		for (const [port, taken] of [
			[ourPort, theirPort],
			[theirPort, ourPort],
		] as const) {
			const c = await RespClient.open(port);
			replies.push(await c.send(['CONFIG', 'SET', 'maxmemory', '10000001', 'port', String(taken)]));
			replies.push(await c.send(['CONFIG', 'GET', 'maxmemory']));
			c.close();
		}
		expect(replies[0]).toEqual({
			type: 'error',
			value:
				"ERR CONFIG SET failed (possibly related to argument 'port') - Unable to listen on this port. Check server logs.",
		});
		expect(replies.slice(0, 2)).toEqual(replies.slice(2));
	});

	it('listens on the new port only; connections made before stay', async () => {
		const own = await startOurs();
		const before = own.port;
		const spare = await startOurs();
		const free = spare.port;
		await spare.close();
		const c = await RespClient.open(before);
		expect(await c.send(['CONFIG', 'SET', 'port', String(free)])).toEqual({
			type: 'status',
			value: 'OK',
		});
		expect(own.port).toBe(free);
		await sleep(100);
		const moved = await RespClient.open(free);
		expect(await moved.send(['CONFIG', 'GET', 'port'])).toMatchObject({
			value: [{ value: 'port' }, { value: String(free) }],
		});
		expect(await c.send(['PING'])).toEqual({ type: 'status', value: 'PONG' });
		await expect(RespClient.open(before)).rejects.toThrow();
		moved.close();
		c.close();
		await own.close();
	});
});

describe('our server on its own', () => {
	it('reads the wall clock per command: GETEX PXAT now+10s then PTTL is at most 10000', async () => {
		const c = await RespClient.open(servers.ours.port);
		for (let i = 0; i < 20; i++) {
			await c.send(['SET', 'k', 'v']);
			await c.send(['GETEX', 'k', 'PXAT', String(Date.now() + 10_000)]);
			const ttl = Number((await c.send(['PTTL', 'k'])).value);
			expect(ttl).toBeLessThanOrEqual(10_000);
			expect(ttl).toBeGreaterThan(9_900);
		}
		c.close();
	});

	it('closes the connection after a protocol error within 64 KB of garbage', async () => {
		const ourRun = await garbage(servers.ours.port);
		expect(ourRun.reply).toBe('-ERR Protocol error: too big inline request\r\n');
		expect(ourRun.closed).toBe(true);
		// The server answers once it holds more than 64 KB of one unterminated line; what the
		// client sent meanwhile (the reply's round trip on a busy machine) is the margin.
		const bound = 64 * 1024 + 48 * 1024;
		expect(ourRun.sentAtReply).toBeGreaterThan(64 * 1024);
		expect(ourRun.sentAtReply).toBeLessThanOrEqual(bound);
		const real = servers.real;
		if (real) {
			const theirs = await garbage(real.port);
			expect(theirs.reply).toBe(ourRun.reply);
			expect(theirs.closed).toBe(true);
			expect(theirs.sentAtReply).toBeLessThanOrEqual(bound);
		}
	});

	it('closes at once on a bad multibulk length, whatever follows', async () => {
		const c = await raw(servers.ours.port);
		c.socket.write('PING\r\n*3000000000\r\nPING\r\n');
		await c.settle(100);
		expect(c.received()).toBe('+PONG\r\n-ERR Protocol error: invalid multibulk length\r\n');
		expect(c.closed()).toBe(true);
	});
});
