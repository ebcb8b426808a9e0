// The shape of a scenario: lanes (app instances on one timeline) and the instructions that say,
// step by step, which lane does what. Pure data, so a scenario replays identically and a fix
// toggle changes only options, never the interleaving.
import type { UserChanges } from '../db/users.ts';
import type { RedisLink } from './cache-client.ts';
import type { CacheGuard, WriteStrategy } from './flow-options.ts';

export type LaneRole = 'reader' | 'writer' | 'operator';

export interface Lane {
	readonly id: string;
	readonly label: string;
	readonly role: LaneRole;
}

/** Option overrides a fix applies to every request of the scenario. */
export interface FlowOverrides {
	readonly ttlSeconds?: number | null;
	readonly guard?: CacheGuard;
	readonly strategy?: WriteStrategy;
	readonly retryDelete?: boolean;
	readonly doubleDeleteMs?: number | null;
}

export interface Fix {
	readonly id: string;
	readonly label: string;
	/** One sentence: why this fix closes the window. */
	readonly teaches: string;
	readonly overrides: FlowOverrides;
}

interface Said {
	/** What the narrator says at this step. */
	readonly say?: string;
}

export type Instruction = Said &
	(
		| { readonly do: 'get_user'; readonly lane: string; readonly userId?: number }
		| {
				readonly do: 'update_user';
				readonly lane: string;
				readonly set: UserChanges;
				readonly strategy: WriteStrategy;
				readonly userId?: number;
		  }
		/** One more step of the lane's current request. */
		| { readonly do: 'next'; readonly lane: string }
		/** Step the lane's current request until it is done (one timeline step each). */
		| { readonly do: 'finish'; readonly lane: string }
		/** A raw command on the lane's connection, as redis-cli would send it. */
		| { readonly do: 'redis'; readonly lane: string; readonly argv: readonly string[] }
		/** `CONFIG SET maxmemory` to what is used now plus room for about `rows` more cached rows. */
		| { readonly do: 'cap-memory'; readonly lane: string; readonly rows: number }
		| { readonly do: 'clock'; readonly ms: number }
		/** Cut or restore the lane's link to Redis. */
		| { readonly do: 'link'; readonly lane: string; readonly link: RedisLink }
	);

export interface Scenario {
	readonly id: string;
	/** Its number in the catalogue (the README's Scenarios table). */
	readonly number: number;
	readonly title: string;
	/** What it teaches, in a sentence or two. */
	readonly teaches: string;
	readonly lanes: readonly Lane[];
	/** The TTL every fill uses unless a fix changes it; null = no TTL. */
	readonly ttlSeconds: number | null;
	readonly instructions: readonly Instruction[];
	readonly fixes: readonly Fix[];
	/** True when the monitor must flag a stale read unless a fix is on. */
	readonly isRace: boolean;
}
