// One connection's command loop over an engine Client: the parts of processCommand() and
// networking.c that belong to the connection — QUIT and CLIENT KILL closing it, CLIENT REPLY
// dropping replies, MONITOR's feed, the query buffer CLIENT LIST reports — and RESP3 shaping.
import {
	BLOCKED,
	CONNECTION_CLOSED,
	CONNECTION_REFUSED,
	requestBytes,
	type Client,
	type Connection,
	type Reply,
} from '../engine/index.ts';
import { connectionCommand } from './connection-commands.ts';
import { encodeReply, encodeVerbatim, type Protocol } from './encode.ts';
import { debugProtocol3 } from './debug-protocol3.ts';
import { QueryAlloc, queryBufferMalloc } from './query-alloc.ts';
import { pairsInResp3 } from './resp3-pairs.ts';
import type { Hub } from './hub.ts';
import { ReplyBuffer } from './reply-buffer.ts';

export interface Peer {
	readonly addr: string;
	readonly laddr: string;
	readonly fd: number;
}

/** What the socket side reports and does for a session (set by server.ts). */
export interface Transport {
	/** Bytes written but not yet sent (CLIENT LIST's omem). */
	pendingOutput(): number;
	/** freeClient: end the connection now. */
	close(): void;
	/** A MONITOR line (or any unsolicited bytes) for this connection. */
	write(bytes: string): void;
}

const NO_TRANSPORT: Transport = { pendingOutput: () => 0, close: () => {}, write: () => {} };

export class RespSession {
	readonly hub: Hub;
	readonly peer: Peer;
	client: Client;
	transport: Transport = NO_TRANSPORT;
	/** CLIENT_CLOSE_AFTER_REPLY: QUIT, a protocol error or CLIENT KILL of itself. */
	closeAfterReply = false;
	/** The reply that asked for the close was dropped (CLIENT REPLY OFF or SKIP): see server.ts. */
	closeUnheard = false;
	/**
	 * sdslen(querybuf) while this read's commands run: Redis trims the buffer only after the whole
	 * read is processed, so every command of a pipelined read sees all of its bytes.
	 */
	queryBytes = 0;
	/** A command is running on this session (CLIENT KILL of itself waits for the reply). */
	#running = false;
	/** CLIENT REPLY SKIP took effect: the reply to this command is dropped. */
	#skipping = false;
	/** The static reply buffer CLIENT LIST describes (rbs, rbp, obl). */
	readonly replies = new ReplyBuffer(Date.now());
	/** The query buffer's size (qbuf + qbuf-free), grown by reads and trimmed by the cron. */
	readonly queryAlloc = new QueryAlloc(Date.now());
	/** Bytes read and not yet parsed, and the bulk being read (-1 if none): set by the transport. */
	pendingQuery: () => { unparsed: number; bulklen: number } = () => ({ unparsed: 0, bulklen: -1 });

	/**
	 * Called once a blocked command has been answered, so the transport reads on (a blocked client's
	 * further commands wait in its query buffer, as in Redis). Never called re-entrantly.
	 */
	onUnblocked: () => void = () => {};
	/** The blocked command, for the RESP3 shape of its late reply. */
	#blockedArgv: readonly string[] = [];

	/**
	 * `blocking: 'background'` (a socket): a blocked command answers later through the transport.
	 * Without it (the REPL) the engine runs virtual time until the command is served or times out.
	 */
	constructor(hub: Hub, peer: Peer, options: { blocking?: 'background' | 'wait' } = {}) {
		this.hub = hub;
		this.peer = peer;
		this.client = hub.engine.connect(
			options.blocking === 'background' ? { onReply: (r) => this.#lateReply(r) } : {},
		);
		this.client.attach(this.#connection());
		hub.sessions.add(this);
	}

	get id(): number {
		return this.client.id;
	}

	/** The engine client keeps the name and protocol: HELLO, CLIENT SETNAME and RESET set them. */
	get name(): string {
		return this.client.name;
	}

	get resp(): Protocol {
		return this.client.resp;
	}

	/** CLIENT REPLY OFF, or SKIP for this command: whatever it answers is not written. */
	get repliesDropped(): boolean {
		return this.#skipping || this.client.replyMode === 'off';
	}

	/**
	 * For a connection without a socket (the REPL): the read redis-cli's connection would have made
	 * of `argv`, sent as one multibulk, so CLIENT INFO shows the query buffer it would.
	 */
	readWhole(argv: readonly string[]): void {
		const bytes = requestBytes(argv);
		this.queryAlloc.beforeRead(0, false);
		this.queryAlloc.afterRead(bytes, Date.now());
		this.queryBytes = bytes;
	}

	/** Runs one command and returns its reply; never throws. */
	run(argv: readonly string[]): Reply {
		this.hub.wall.sync();
		const name = (argv[0] ?? '').toLowerCase();
		this.#running = true;
		try {
			let reply: Reply | null = null;
			if (!this.client.inTransaction) reply = connectionCommand(this, name, argv);
			reply ??= this.client.exec(argv);
			// quitCommand: OK, then the connection closes, whatever its arguments (arity -1), and even
			// inside MULTI: QUIT is never queued.
			if (name === 'quit') this.closeAfterReply = true;
			return reply;
		} finally {
			this.#running = false;
		}
	}

	/**
	 * run() and encode in the connection's protocol: what goes on the wire, which is nothing while
	 * CLIENT REPLY is OFF, for CLIENT REPLY OFF|SKIP themselves, and for the command after a SKIP.
	 */
	reply(argv: readonly string[]): string {
		this.replies.catchUp(Date.now());
		const skipping = this.#skipping;
		this.#skipping = false;
		// monitorCommand returns without a reply when the connection already monitors.
		const monitoring =
			this.client.monitor &&
			!this.client.inTransaction &&
			argv.length === 1 &&
			argv[0]!.toLowerCase() === 'monitor';
		const reply = this.run(argv);
		// SHUTDOWN stopped the server (this client's or another's): no reply, the connection closes.
		if (reply === CONNECTION_CLOSED || reply === CONNECTION_REFUSED) {
			this.closeAfterReply = true;
			return '';
		}
		if (reply === BLOCKED) {
			this.#blockedArgv = argv;
			return '';
		}
		const turned = replySwitch(argv, reply);
		// CLIENT REPLY ON clears SKIP as well as OFF before it answers, so its OK is always sent.
		const dropped = (skipping && turned !== 'on') || this.client.replyMode === 'off';
		// CLIENT REPLY OFF and SKIP answer nothing at all.
		const silent = dropped || monitoring || turned === 'off' || turned === 'skip';
		if (this.closeAfterReply && dropped) this.closeUnheard = true;
		// resetClient: a SKIP just set applies to the next command.
		if (this.client.takeReplySkip()) this.#skipping = true;
		if (silent) return '';
		const bytes =
			this.resp === 2 || reply.type === 'error'
				? encodeReply(reply, this.resp)
				: encodeReply3(argv, reply);
		this.replies.add(bytes.length);
		return bytes;
	}

	/** A blocked command's reply (served, or timed out): written out, then reading resumes. */
	#lateReply(reply: Reply): void {
		if (this.client.replyMode !== 'off') {
			const bytes =
				this.resp === 2 || reply.type === 'error'
					? encodeReply(reply, this.resp)
					: encodeReply3(this.#blockedArgv, reply);
			this.transport.write(bytes);
		}
		this.#blockedArgv = [];
		setImmediate(() => this.onUnblocked());
	}

	close(): void {
		this.client.close();
		this.hub.sessions.delete(this);
		this.hub.removeMonitor(this);
	}

	/** The engine's view of this connection: socket addresses, buffers, kill and monitor. */
	#connection(): Connection {
		return {
			addr: this.peer.addr,
			laddr: this.peer.laddr,
			fd: this.peer.fd,
			queryBuffer: () => {
				// While this connection runs a command its read is all still in the buffer, and the
				// cron cannot visit it; otherwise what is left of the last read is.
				let qbuf = this.queryBytes;
				if (!this.#running) {
					const { unparsed, bulklen } = this.pendingQuery();
					qbuf = unparsed;
					this.queryAlloc.catchUp(Date.now(), unparsed, bulklen);
				}
				const alloc = Math.max(this.queryAlloc.alloc, qbuf);
				return { qbuf, qbufFree: alloc - qbuf, bytes: queryBufferMalloc(alloc) };
			},
			output: () => {
				this.replies.catchUp(Date.now());
				const { size: rbs, peak: rbp, pos: obl } = this.replies;
				return { rbs, rbp, obl, oll: 0, omem: this.transport.pendingOutput() };
			},
			kill: () => {
				if (this.#running) this.closeAfterReply = true;
				else this.transport.close();
			},
			monitor: () => this.hub.addMonitor(this),
			unmonitor: () => this.hub.removeMonitor(this),
		};
	}
}

/** The mode a successful CLIENT REPLY ON|OFF|SKIP switched to, or null for any other command. */
function replySwitch(argv: readonly string[], reply: Reply): 'on' | 'off' | 'skip' | null {
	if (reply.type !== 'status' || reply.value !== 'OK' || argv.length !== 3) return null;
	if (argv[0]!.toLowerCase() !== 'client' || argv[1]!.toLowerCase() !== 'reply') return null;
	const mode = argv[2]!.toLowerCase();
	return mode === 'on' || mode === 'off' || mode === 'skip' ? mode : null;
}

/** RESP3 shapes that are not in the Reply itself: verbatim text, pairs (resp3-pairs.ts), DEBUG
 * PROTOCOL's kinds (debug-protocol3.ts). */
function encodeReply3(argv: readonly string[], reply: Reply): string {
	const name = (argv[0] ?? '').toLowerCase();
	const sub = (argv[1] ?? '').toLowerCase();
	if (name === 'debug' && sub === 'protocol' && argv.length === 3) {
		const framed = debugProtocol3(argv[2]!, reply);
		if (framed !== null) return framed;
	}
	if (
		reply.type === 'bulk' &&
		reply.value !== null &&
		(name === 'info' ||
			(name === 'client' && (sub === 'list' || sub === 'info')) ||
			(name === 'latency' && (sub === 'doctor' || sub === 'graph')))
	) {
		return encodeVerbatim(reply.value, 3);
	}
	if (pairsInResp3(argv) && reply.type === 'array' && reply.value) {
		// WITHVALUES/WITHSCORES: RESP2 sends field, value, field…; RESP3 sends [field, value] pairs.
		const pairs: Reply[] = [];
		for (let i = 0; i + 1 < reply.value.length; i += 2) {
			pairs.push({ type: 'array', value: [reply.value[i]!, reply.value[i + 1]!] });
		}
		return encodeReply({ type: 'array', value: pairs }, 3);
	}
	return encodeReply(reply, 3);
}
