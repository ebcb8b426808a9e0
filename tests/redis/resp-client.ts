// A minimal RESP2 client over node:net for the proof-against-Redis tests. Binary-safe: every
// argument is a binary string (one char per byte) and every reply comes back as the engine's Reply.
import { connect, type Socket } from 'node:net';
import type { Reply } from '../../src/engine/index.ts';

interface Pending {
	resolve: (reply: Reply) => void;
	reject: (err: Error) => void;
}

/** Encodes one command as a RESP multi-bulk request. */
export function encodeCommand(argv: readonly string[]): Buffer {
	const parts: Buffer[] = [Buffer.from(`*${argv.length}\r\n`, 'latin1')];
	for (const arg of argv) {
		parts.push(Buffer.from(`$${arg.length}\r\n`, 'latin1'));
		parts.push(Buffer.from(arg, 'latin1'));
		parts.push(Buffer.from('\r\n', 'latin1'));
	}
	return Buffer.concat(parts);
}

/** Incremental RESP2 parser: feed bytes, take complete replies. Throws on a protocol error. */
export class RespParser {
	#buf: Buffer = Buffer.alloc(0);
	#pos = 0;

	feed(chunk: Buffer): void {
		this.#buf =
			this.#pos === this.#buf.length
				? chunk
				: Buffer.concat([this.#buf.subarray(this.#pos), chunk]);
		this.#pos = 0;
	}

	/** The next complete reply, or undefined when more bytes are needed. */
	next(): Reply | undefined {
		const start = this.#pos;
		const reply = this.#parse();
		if (reply === undefined) this.#pos = start;
		return reply;
	}

	#line(): string | undefined {
		const end = this.#buf.indexOf('\r\n', this.#pos, 'latin1');
		if (end === -1) return undefined;
		const line = this.#buf.toString('latin1', this.#pos, end);
		this.#pos = end + 2;
		return line;
	}

	#parse(): Reply | undefined {
		if (this.#pos >= this.#buf.length) return undefined;
		const kind = String.fromCharCode(this.#buf[this.#pos] ?? 0);
		this.#pos++;
		const line = this.#line();
		if (line === undefined) return undefined;
		switch (kind) {
			case '+':
				return { type: 'status', value: line };
			case '-':
				return { type: 'error', value: line };
			case ':': {
				const n = BigInt(line);
				const safe = n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER);
				return { type: 'integer', value: safe ? Number(n) : n };
			}
			case '$': {
				const len = Number(line);
				if (len < 0) return { type: 'bulk', value: null };
				if (this.#buf.length < this.#pos + len + 2) return undefined;
				const value = this.#buf.toString('latin1', this.#pos, this.#pos + len);
				this.#pos += len + 2;
				return { type: 'bulk', value };
			}
			case '*': {
				const count = Number(line);
				if (count < 0) return { type: 'array', value: null };
				const items: Reply[] = [];
				for (let i = 0; i < count; i++) {
					const item = this.#parse();
					if (item === undefined) return undefined;
					items.push(item);
				}
				return { type: 'array', value: items };
			}
			default:
				throw new Error(`RESP protocol error: unexpected type byte ${JSON.stringify(kind)}`);
		}
	}
}

/** One connection; replies resolve in request order, so pipelining is just not awaiting. */
export class RespClient {
	readonly #socket: Socket;
	readonly #parser = new RespParser();
	readonly #pending: Pending[] = [];
	#closed: Error | null = null;

	private constructor(socket: Socket) {
		this.#socket = socket;
		socket.on('data', (chunk: Buffer) => this.#onData(chunk));
		socket.on('error', (err) => this.#fail(err));
		socket.on('close', () => this.#fail(new Error('connection closed')));
	}

	static open(port: number, host = '127.0.0.1', timeoutMs = 2000): Promise<RespClient> {
		return new Promise((resolve, reject) => {
			const socket = connect({ port, host });
			socket.setNoDelay(true);
			const timer = setTimeout(() => {
				socket.destroy();
				reject(new Error(`connect ${host}:${port} timed out`));
			}, timeoutMs);
			socket.once('connect', () => {
				clearTimeout(timer);
				socket.removeAllListeners('error');
				resolve(new RespClient(socket));
			});
			socket.once('error', (err) => {
				clearTimeout(timer);
				reject(err);
			});
		});
	}

	/** Sends one command and waits for its reply (an error reply resolves, it doesn't reject). */
	send(argv: readonly string[]): Promise<Reply> {
		if (this.#closed) return Promise.reject(this.#closed);
		const promise = new Promise<Reply>((resolve, reject) =>
			this.#pending.push({ resolve, reject }),
		);
		this.#socket.write(encodeCommand(argv));
		return promise;
	}

	/** Writes every command in one go, then collects the replies in order. */
	pipeline(commands: readonly (readonly string[])[]): Promise<Reply[]> {
		if (this.#closed) return Promise.reject(this.#closed);
		const promises = commands.map(
			() => new Promise<Reply>((resolve, reject) => this.#pending.push({ resolve, reject })),
		);
		this.#socket.write(Buffer.concat(commands.map(encodeCommand)));
		return Promise.all(promises);
	}

	close(): void {
		this.#socket.end();
		this.#socket.destroy();
	}

	#onData(chunk: Buffer): void {
		this.#parser.feed(chunk);
		for (;;) {
			let reply: Reply | undefined;
			try {
				reply = this.#parser.next();
			} catch (err) {
				this.#fail(err as Error);
				this.#socket.destroy();
				return;
			}
			if (reply === undefined) return;
			this.#pending.shift()?.resolve(reply);
		}
	}

	#fail(err: Error): void {
		this.#closed ??= err;
		for (const p of this.#pending.splice(0)) p.reject(err);
	}
}
