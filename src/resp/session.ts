// One connection's command loop over an engine Client: the parts of processCommand() that belong
// to the connection (QUIT, the protocol version, the client name) and RESP3 reply shaping.
import type { Client, Reply } from '../engine/index.ts';
import { connectionCommand } from './connection-commands.ts';
import { encodeReply, encodeVerbatim, type Protocol } from './encode.ts';
import type { Hub } from './hub.ts';

export interface Peer {
	readonly addr: string;
	readonly laddr: string;
	readonly fd: number;
}

const OK: Reply = { type: 'status', value: 'OK' };
const OWN = new Set(['hello', 'quit', 'auth', 'reset', 'debug', 'command']);

export class RespSession {
	readonly hub: Hub;
	readonly peer: Peer;
	client: Client;
	/** CLIENT_CLOSE_AFTER_REPLY: QUIT or a protocol error; the connection ends once flushed. */
	closeAfterReply = false;
	/** Commands queued since MULTI (CLIENT LIST's multi=). */
	queued = 0;
	lastCmd = 'NULL';
	readonly createdAt: number;
	lastInteraction: number;
	/** What the transport holds for this client: query buffer and pending output bytes. */
	buffers: () => { qbuf: number; omem: number } = () => ({ qbuf: 0, omem: 0 });

	constructor(hub: Hub, peer: Peer) {
		this.hub = hub;
		this.peer = peer;
		this.client = hub.engine.connect();
		this.createdAt = this.lastInteraction = hub.wall.clock.now();
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

	/** Runs one command and returns its reply; never throws. */
	run(argv: readonly string[]): Reply {
		this.hub.wall.sync();
		this.lastInteraction = this.hub.wall.clock.now();
		const name = (argv[0] ?? '').toLowerCase();
		this.lastCmd = this.#fullName(name, argv);
		if (name === 'quit') {
			// Redis 7.0 answers QUIT at once, even inside MULTI, and closes after the reply.
			this.closeAfterReply = true;
			return OK;
		}
		let reply: Reply | null = null;
		if (!this.client.inTransaction) reply = connectionCommand(this, name, argv);
		reply ??= this.client.exec(argv);
		if (name === 'reset' && reply.type === 'status') this.queued = 0;
		if (reply.type === 'status' && reply.value === 'QUEUED') this.queued++;
		else if (!this.client.inTransaction) this.queued = 0;
		return reply;
	}

	/** run() and encode in the connection's protocol: what goes on the wire. */
	reply(argv: readonly string[]): string {
		const reply = this.run(argv);
		if (this.resp === 2 || reply.type === 'error') return encodeReply(reply, this.resp);
		return encodeReply3(argv, reply);
	}

	close(): void {
		this.client.close();
		this.hub.sessions.delete(this);
	}

	/** The lower-case `name` or `name|sub` CLIENT LIST shows as cmd=. */
	#fullName(name: string, argv: readonly string[]): string {
		const sub = argv[1]?.toLowerCase();
		if (this.hub.isContainer(name) || name === 'client' || name === 'function') {
			return sub === undefined ? name : `${name}|${sub}`;
		}
		// lookupCommand found nothing: Redis records no command.
		return this.hub.knows(name) || OWN.has(name) ? name : 'NULL';
	}
}

/** RESP3 shapes that are not in the Reply itself: verbatim text, HRANDFIELD's pairs. */
function encodeReply3(argv: readonly string[], reply: Reply): string {
	const name = (argv[0] ?? '').toLowerCase();
	const sub = (argv[1] ?? '').toLowerCase();
	if (
		reply.type === 'bulk' &&
		reply.value !== null &&
		(name === 'info' || (name === 'client' && (sub === 'list' || sub === 'info')))
	) {
		return encodeVerbatim(reply.value, 3);
	}
	if (name === 'hrandfield' && argv.length === 4 && reply.type === 'array' && reply.value) {
		// WITHVALUES: RESP2 sends field, value, field…; RESP3 sends [field, value] pairs.
		const pairs: Reply[] = [];
		for (let i = 0; i + 1 < reply.value.length; i += 2) {
			pairs.push({ type: 'array', value: [reply.value[i]!, reply.value[i + 1]!] });
		}
		return encodeReply({ type: 'array', value: pairs }, 3);
	}
	return encodeReply(reply, 3);
}
