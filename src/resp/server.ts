// The TCP side of src/networking.c: accept, read into the query buffer, run each complete command,
// write replies in order, close after QUIT or a protocol error. One engine Client per connection.
import { createServer, type Server, type Socket } from 'node:net';
import type { EngineOptions } from '../engine/index.ts';
import { encodeReply } from './encode.ts';
import { Hub } from './hub.ts';
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
	readonly port: number;
	close(): Promise<void>;
}

/** Past this much unsent output a connection stops reading until the socket drains, so a client
 * that floods pipelines without reading its replies cannot grow our memory without bound. */
const OUTPUT_HIGH_WATER = 4 * 1024 * 1024;

export function startServer(options: RespServerOptions = {}): Promise<RespServer> {
	const hub = new Hub(options.engine);
	const sockets = new Set<Socket>();
	let nextFd = 8;
	const server: Server = createServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		serve(hub, socket, nextFd++);
	});
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 6380, options.host ?? '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
			resolve({
				hub,
				host: options.host ?? '127.0.0.1',
				port,
				close: () =>
					new Promise<void>((done) => {
						for (const s of sockets) s.destroy();
						server.close(() => {
							hub.close();
							done();
						});
					}),
			});
		});
	});
}

function addr(host: string | undefined, port: number | undefined): string {
	const h = (host ?? '?').replace(/^::ffff:/, '');
	return `${h.includes(':') ? `[${h}]` : h}:${port ?? 0}`;
}

/** One connection: readQueryFromClient → processInputBuffer → writeToClient. */
function serve(hub: Hub, socket: Socket, fd: number): void {
	socket.setNoDelay(true);
	const query = new QueryBuffer();
	const session = new RespSession(hub, {
		addr: addr(socket.remoteAddress, socket.remotePort),
		laddr: addr(socket.localAddress, socket.localPort),
		fd,
	});
	session.buffers = () => ({ qbuf: query.bytes, omem: socket.writableLength });
	let reported = 0;
	let closed = false;
	const account = () => {
		const now = closed ? 0 : query.bytes + socket.writableLength;
		hub.addBufferBytes(now - reported);
		reported = now;
	};

	socket.on('data', (chunk: Buffer) => {
		if (closed || session.closeAfterReply) return;
		query.append(chunk);
		let out = '';
		for (;;) {
			const request = query.next();
			if (request === null) break;
			if ('overflow' in request) {
				// freeClientAsync on client-query-buffer-limit: no reply, the connection just ends.
				socket.destroy();
				break;
			}
			if ('error' in request) {
				out += encodeReply({ type: 'error', value: `ERR ${request.error}` }, session.resp);
				session.closeAfterReply = true;
				break;
			}
			out += session.reply(request.argv);
			if (session.closeAfterReply) break;
			if (out.length > OUTPUT_HIGH_WATER) {
				socket.write(Buffer.from(out, 'latin1'));
				out = '';
			}
		}
		if (out !== '' && !socket.destroyed) socket.write(Buffer.from(out, 'latin1'));
		if (session.closeAfterReply) socket.end();
		else if (socket.writableLength > OUTPUT_HIGH_WATER) socket.pause();
		account();
	});
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
