// What a flow machine closes over: the app's cache client, the database and a token source for
// leases. Built by the session per lane; never stored in a machine's context.
import type { Database } from '../db/database.ts';
import type { CacheClient } from './cache-client.ts';

export interface FlowDeps {
	readonly cache: CacheClient;
	readonly db: Database;
	/** A fresh lease token (seeded, so replays agree). */
	readonly token: () => string;
	/** Record each step's commands and replies (on for the stage; the bench turns it off). */
	readonly isTracing?: boolean;
}
