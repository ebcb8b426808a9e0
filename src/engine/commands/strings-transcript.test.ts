// Replays the strings golden transcript (recorded from redis-server 7.0.15) on the engine. TTL and
// HSET belong to other command groups; until they land, a stand-in answers them from the keyspace.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeMismatches, runTranscript } from '../../console/transcript.ts';
import { createClientState } from '../client.ts';
import { VirtualClock } from '../clock.ts';
import { DEFAULT_CONFIG } from '../config.ts';
import { processCommand } from '../dispatch.ts';
import { dbAdd, getExpire, lookupKeyRead, type Db } from '../keyspace.ts';
import { createHash } from '../object.ts';
import { Random } from '../random.ts';
import { integer, type Reply } from '../reply.ts';
import { Server } from '../server.ts';

const TEXT = readFileSync(join(import.meta.dirname, '..', 'transcripts', 'strings.txt'), 'utf8');

function standIn(server: Server, db: Db, argv: readonly string[]): Reply | null {
	const name = argv[0]!.toUpperCase();
	if (name === 'HSET' && argv.length === 4 && !db.dict.has(argv[1]!)) {
		const hash = createHash(0);
		hash.value.set(argv[2]!, argv[3]!);
		dbAdd(server, db, argv[1]!, hash);
		return integer(1);
	}
	if (name === 'TTL' && argv.length === 2) {
		if (!lookupKeyRead(server, db, argv[1]!)) return integer(-2);
		const when = getExpire(db, argv[1]!);
		return integer(when === -1 ? -1 : Math.floor((when - server.now() + 500) / 1000));
	}
	return null;
}

describe('strings transcript', () => {
	it('matches redis-server 7.0.15 line for line', () => {
		const server = new Server(new VirtualClock(), { ...DEFAULT_CONFIG }, new Random(1));
		const client = createClientState(1, server.now());
		server.clients.set(client.id, client);
		const run = runTranscript(TEXT, (argv) => {
			const reply = processCommand(server, client, argv);
			const unknown = reply.type === 'error' && reply.value.startsWith('ERR unknown command');
			return (unknown && standIn(server, server.dbs[client.db]!, argv)) || reply;
		});
		expect(run.entries.length).toBeGreaterThanOrEqual(150);
		expect(describeMismatches(run)).toBe('');
	});
});
