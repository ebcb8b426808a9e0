// Test helper for the server-group commands: a Server on a VirtualClock with one client, keys
// planted straight into the keyspace so these tests depend on no other group's commands.
import { createClientState } from '../client.ts';
import { VirtualClock } from '../clock.ts';
import { DEFAULT_CONFIG, type Config } from '../config.ts';
import { processCommand } from '../dispatch.ts';
import { dbAdd, initialLru, setExpire } from '../keyspace.ts';
import { createHash, createString } from '../object.ts';
import { Random } from '../random.ts';
import type { Reply } from '../reply.ts';
import { Server } from '../server.ts';

export function serverFixture(config: Partial<Config> = {}) {
	const clock = new VirtualClock();
	const server = new Server(clock, { ...DEFAULT_CONFIG, ...config }, new Random(1));
	const client = createClientState(1, clock.now());
	server.clients.set(client.id, client);
	const db = server.dbs[0]!;
	return {
		clock,
		server,
		client,
		db,
		run: (...argv: string[]): Reply => processCommand(server, client, argv),
		/** Plants a string key; `px` sets a TTL from now (negative: already a ghost). */
		set(key: string, value: string, px?: number) {
			dbAdd(server, db, key, createString(value, initialLru(server)));
			if (px !== undefined) setExpire(server, db, key, clock.now() + px);
		},
		hset(key: string, fields: Record<string, string>) {
			const obj = createHash(initialLru(server));
			for (const [f, v] of Object.entries(fields)) obj.value.set(f, v);
			dbAdd(server, db, key, obj);
		},
	};
}

export const err = (value: string): Reply => ({ type: 'error', value });
export const int = (value: number): Reply => ({ type: 'integer', value });
export const str = (value: string | null): Reply => ({ type: 'bulk', value });
export const OK_REPLY: Reply = { type: 'status', value: 'OK' };
