// The flow stage as plain data for the components: lanes and their steps on one timeline, where
// the request's token is, the listing line, the counters and the database's query log. Both the
// sandbox and the scenario player produce it, so one set of components draws either.
import type { QueryLogEntry } from '../db/database.ts';

export type { QueryLogEntry };
import type { ListingName, ListingVariant } from '../flows/listings.ts';

export type { WriteStrategy } from '../flows/flow-options.ts';

export type FlowNode = 'app' | 'redis' | 'db';

export interface FlowLane {
	readonly id: string;
	readonly label: string;
}

/** One step of one request (or one raw command, clock move, link change) on the timeline. */
export interface FlowStep {
	/** Unique across the stage: the timeline's `{#each}` key. */
	readonly key: string;
	readonly lane: string;
	readonly at: number;
	readonly latencyMs: number;
	/** The machine state (`readingDb`), or a short label for other kinds of step. */
	readonly state: string;
	readonly description: string;
	readonly flow: ListingName | null;
	/** The listing line id this step stands for. */
	readonly line: string | null;
	/** Its commands and queries, one line each (`GET user:1 → (nil)`). */
	readonly ops: readonly string[];
	readonly node: FlowNode;
	readonly isStale: boolean;
	readonly isError: boolean;
	readonly source: 'cache' | 'db' | null;
}

export interface StaleRead {
	readonly at: number;
	readonly userId: number;
	readonly version: number | null;
	readonly dbVersion: number | null;
	/** How long the cache had held an older row than the database when this read was served. */
	readonly staleForMs: number;
}

export interface FlowCounts {
	readonly hits: number;
	readonly misses: number;
	readonly dbLoads: number;
	readonly redisErrors: number;
	readonly staleReads: number;
	readonly lastStale: StaleRead | null;
}

export interface FlowView {
	readonly lanes: readonly FlowLane[];
	readonly steps: readonly FlowStep[];
	/** The newest step: where the token is and what it did. */
	readonly current: FlowStep | null;
	readonly counts: FlowCounts;
	readonly queries: readonly QueryLogEntry[];
	readonly isRedisDown: boolean;
	/** The listing to show and the variant of the code that runs. */
	readonly listing: ListingName;
	readonly variant: ListingVariant;
}

/** Where a state's work happens: the token sits on that node. */
export function nodeFor(state: string): FlowNode {
	switch (state) {
		case 'checkingCache':
		case 'fillingCache':
		case 'deletingFirst':
		case 'deletingCache':
		case 'retryingDelete':
		case 'deletingAgain':
		case 'settingCache':
		case 'redis':
			return 'redis';
		case 'readingDb':
		case 'updatingDb':
			return 'db';
		default:
			return 'app';
	}
}

export const NO_COUNTS: FlowCounts = {
	hits: 0,
	misses: 0,
	dbLoads: 0,
	redisErrors: 0,
	staleReads: 0,
	lastStale: null,
};
