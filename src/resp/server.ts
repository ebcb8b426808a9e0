// The TCP side of src/networking.c: accept, read into the query buffer, run each complete command,
// write replies in order, close after QUIT or a protocol error. One engine Client per connection.
import { spawnSync } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import { loadAllCommands, type EngineOptions } from '../engine/index.ts';
import { encodeReply } from './encode.ts';
import { Hub } from './hub.ts';
import { BIG_ARG } from './query-alloc.ts';
import { QueryBuffer } from './query-buffer.ts';
import { RespSession } from './session.ts';

export interface RespServerOptions {
	readonly port?: number;
	readonly host?: string;
	readonly engine?: Omit<EngineOptions, 'clock'>;
}

export interface RespServer {
	readonly hub: Hub;
	readonly host: string;
	/** The port it listens on: CONFIG SET port moves it (0: no longer listening). */
	readonly port: number;
	close(): Promise<void>;
}

/** Past this much unsent output a connection stops reading until the socket drains, so a client
 * that floods pipelines without reading its replies cannot grow our memory without bound. */
const OUTPUT_HIGH_WATER = 4 * 1024 * 1024;

export async function startServer(options: RespServerOptions = {}): Promise<RespServer> {
	await loadAllCommands();
	const sockets = new Set<Socket>();
	const host = options.host ?? '127.0.0.1';
	let hub: Hub | null = null;
	let nextFd = 8;
	const accept = (socket: Socket) => {
		if (!hub) return socket.destroy();
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		serve(hub, socket, nextFd++);
	};
	let listener: Server | null = createServer(accept);
	let port = 0;
	/**
	 * changeListenPort: the old listener stops accepting (its connections stay) and a new one
	 * takes the port. Node binds asynchronously, so whether the port is free is asked first of a
	 * short-lived process, which lets CONFIG SET answer (and roll back) at once as Redis does.
	 */
	const movePort = (to: number): string | null => {
		if (to !== 0 && !canListen(to, host))
			return 'Unable to listen on this port. Check server logs.';
		listener?.close();
		listener = null;
		port = to;
		if (to !== 0) {
			const next = createServer(accept);
			next.on('error', (e) => console.error(`listening on ${host}:${to}: ${e.message}`));
			next.listen(to, host);
			listener = next;
		}
		return null;
	};
	return new Promise((resolve, reject) => {
		const first = listener!;
		first.once('error', reject);
		first.listen(options.port ?? 6380, host, () => {
			const address = first.address();
			port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
			// CONFIG GET port, bind and dir describe this process, as they do on a real server.
			const engine = options.engine ?? {};
			const stored = {
				port: String(port),
				bind: host,
				dir: process.cwd(),
				...engine.config?.stored,
			};
			const started = new Hub({
				...engine,
				config: { ...engine.config, stored },
				applyConfig: (name, value) => (name === 'port' ? movePort(Number(value)) : null),
			});
			hub = started;
			resolve({
				hub: started,
				host,
				get port() {
					return port;
				},
				close: () =>
					new Promise<void>((done) => {
						for (const s of sockets) s.destroy();
						const finish = () => {
							started.close();
							done();
						};
						if (listener) listener.close(finish);
						else finish();
					}),
			});
		});
	});
}

/** Whether `port` on `host` can be listened on now: a child process tries it and says. */
function canListen(port: number, host: string): boolean {
	const probe =
		"const s=require('node:net').createServer();" +
		"s.once('error',()=>process.exit(1));" +
		's.listen(Number(process.argv[1]),process.argv[2],()=>s.close(()=>process.exit(0)));';
	const r = spawnSync(process.execPath, ['-e', probe, String(port), host], { timeout: 5000 });
	return r.status === 0;
}

function addr(host: string | undefined, port: number | undefined): string {
	const h = (host ?? '?').replace(/^::ffff:/, '');
	return `${h.includes(':') ? `[${h}]` : h}:${port ?? 0}`;
}

/** PROTO_IOBUF_LEN: Redis reads at most 16 KB per call, so limits such as the 64 KB inline line
 * are checked every 16 KB, and a protocol error stops the reading within that much garbage. */
const READ_LEN = 16 * 1024;

/** One connection: readQueryFromClient → processInputBuffer → writeToClient. */
function serve(hub: Hub, socket: Socket, fd: number): void {
	socket.setNoDelay(true);
	const session = new RespSession(
		hub,
		{
			addr: addr(socket.remoteAddress, socket.remotePort),
			laddr: addr(socket.localAddress, socket.localPort),
			fd,
		},
		{ blocking: 'background' },
	);
	const query = new QueryBuffer({
		onBigBulk: (ll) => session.queryAlloc.bigBulk(ll),
		onBigBulkTaken: (ll) => session.queryAlloc.bigBulkTaken(ll),
	});
	session.pendingQuery = () => ({ unparsed: query.unparsed, bulklen: query.bulklen });
	let reported = 0;
	let closed = false;
	/** Replies of the read being processed, written in one go (MONITOR lines join them in order). */
	let out = '';
	/**
	 * MONITOR lines for this connection's own command while it runs: call() feeds monitors after
	 * the command has added its reply, so a monitor sees its own reply first, then the line.
	 */
	let feed = '';
	let processing = false;
	const flush = () => {
		if (out !== '' && !socket.destroyed) socket.write(Buffer.from(out, 'latin1'));
		out = '';
		session.replies.written();
	};
	const account = () => {
		const now = closed ? 0 : query.bytes + socket.writableLength;
		hub.addBufferBytes(now - reported);
		reported = now;
	};
	session.transport = {
		pendingOutput: () => socket.writableLength,
		close: () => socket.destroy(),
		write(bytes) {
			session.replies.add(bytes.length);
			if (processing) feed += bytes;
			else if (!socket.destroyed && !session.closeAfterReply) {
				socket.write(Buffer.from(bytes, 'latin1'));
				session.replies.written();
			}
		},
	};

	/** processInputBuffer over one read: every complete command, in order. */
	const process = (): void => {
		session.queryBytes = query.unparsed;
		for (;;) {
			// A blocked client's next commands stay in the query buffer until it is answered.
			if (session.client.blocked) break;
			const request = query.next();
			if (request === null) break;
			if ('overflow' in request) {
				// freeClientAsync on client-query-buffer-limit: no reply, the connection just ends.
				socket.destroy();
				break;
			}
			if ('error' in request) {
				// setProtocolError: the error is counted like any error reply, then the client closes.
				const message = `ERR ${request.error}`;
				session.client.noteErrorReply(message);
				if (session.repliesDropped) session.closeUnheard = true;
				else out += encodeReply({ type: 'error', value: message }, session.resp);
				session.closeAfterReply = true;
				break;
			}
			const reply = session.reply(request.argv);
			out += reply + feed;
			feed = '';
			if (session.closeAfterReply || socket.destroyed) break;
			if (out.length > OUTPUT_HIGH_WATER) flush();
		}
	};

	/**
	 * CLIENT_CLOSE_AFTER_REPLY: the socket closes once the replies are out, whatever else the client
	 * keeps sending. Redis frees the client when a write empties its buffer, so when the reply that
	 * asked for the close was dropped (QUIT or a protocol error under CLIENT REPLY OFF) and nothing
	 * else was written, the connection stays open and reads nothing more.
	 */
	const closeIfWritten = (hadOutput: boolean) => {
		if (!session.closeUnheard || hadOutput || socket.writableLength > 0) socket.destroySoon();
	};
	socket.on('data', (chunk: Buffer) => {
		processing = true;
		const now = Date.now();
		for (let at = 0; at < chunk.length; at += READ_LEN) {
			if (closed || session.closeAfterReply || socket.destroyed) break;
			const alloc = session.queryAlloc;
			alloc.catchUp(now, query.unparsed, query.bulklen);
			alloc.beforeRead(query.unparsed, query.bulklen >= BIG_ARG);
			query.append(chunk.subarray(at, at + READ_LEN));
			alloc.afterRead(query.unparsed, now);
			process();
		}
		processing = false;
		const hadOutput = out !== '';
		flush();
		if (session.closeAfterReply) closeIfWritten(hadOutput);
		else if (socket.writableLength > OUTPUT_HIGH_WATER) socket.pause();
		account();
	});
	session.onUnblocked = () => {
		if (closed || socket.destroyed) return;
		processing = true;
		process();
		processing = false;
		const hadOutput = out !== '';
		flush();
		if (session.closeAfterReply) closeIfWritten(hadOutput);
		account();
	};
	socket.on('drain', () => {
		if (!session.closeAfterReply) socket.resume();
		account();
	});
	socket.on('error', () => {
		/* ECONNRESET and friends: the close handler cleans up. */
	});
	socket.on('close', () => {
		closed = true;
		session.close();
		account();
	});
}
