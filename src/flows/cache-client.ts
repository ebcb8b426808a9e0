// What the app holds to talk to Redis: argv in, a reply out, with a small network round trip as
// data. Its "Redis down" switch makes calls fail the way a client library reports it (ioredis and
// node-redis both surface ECONNREFUSED on a refused connection and a timeout error on silence).
import type { Client, Random, Reply } from '../engine/index.ts';

/** up: commands reach Redis; refused: nothing listens (fails fast); timeout: packets vanish. */
export type RedisLink = 'up' | 'refused' | 'timeout';

export interface CacheError {
	readonly code: 'ECONNREFUSED' | 'ETIMEDOUT';
	readonly message: string;
}

export type CacheResult =
	| { readonly ok: true; readonly reply: Reply; readonly latencyMs: number }
	| { readonly ok: false; readonly error: CacheError; readonly latencyMs: number };

export interface CacheClientOptions {
	readonly client: Client;
	/** Draws the network jitter: pass a seeded engine `Random` so runs replay. */
	readonly random: Random;
	/** One round trip on a quiet LAN. */
	readonly rttMs?: number;
	/** Up to this much more per call. */
	readonly jitterMs?: number;
	/** How long a command waits before the library gives up. */
	readonly timeoutMs?: number;
	readonly address?: string;
}

export interface CacheClient {
	/** Sends one command; never throws. */
	call(argv: readonly string[]): CacheResult;
	link: RedisLink;
	/** Calls that failed since the client was made. */
	readonly errors: number;
	readonly timeoutMs: number;
}

export function createCacheClient(options: CacheClientOptions): CacheClient {
	const { client, random } = options;
	const rttMs = options.rttMs ?? 1;
	const jitterMs = options.jitterMs ?? 1;
	const timeoutMs = options.timeoutMs ?? 1000;
	const address = options.address ?? '127.0.0.1:6379';
	let link: RedisLink = 'up';
	let errors = 0;

	return {
		timeoutMs,
		get link() {
			return link;
		},
		set link(value: RedisLink) {
			link = value;
		},
		get errors() {
			return errors;
		},
		call(argv) {
			if (link === 'refused') {
				errors++;
				const message = `connect ECONNREFUSED ${address}`;
				return { ok: false, error: { code: 'ECONNREFUSED', message }, latencyMs: rttMs };
			}
			if (link === 'timeout') {
				errors++;
				const message = 'Command timed out';
				return { ok: false, error: { code: 'ETIMEDOUT', message }, latencyMs: timeoutMs };
			}
			const latencyMs = rttMs + (jitterMs > 0 ? random.int(jitterMs + 1) : 0);
			return { ok: true, reply: client.exec(argv), latencyMs };
		},
	};
}
