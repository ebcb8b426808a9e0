// The flow stage as plain data for the components: lanes and their steps on one timeline, where
// the request's token is, the listing line, the counters and the database's query log. Both the
// sandbox and the scenario player produce it, so one set of components draws either.
import type { QueryLogEntry } from '../db/database.ts';

export type { QueryLogEntry };
import type { ListingName, ListingVariant } from '../flows/listings.ts';
import type { TimelineEntry } from '../flows/timeline-entry.ts';
import { opText } from '../flows/trace.ts';
import type { Lab } from '../lab/lab.ts';

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

const STEP_WORDS: Readonly<Record<string, string>> = {
	idle: 'About to start',
	checkingCache: 'Checking the cache',
	readingDb: 'Reading the database',
	fillingCache: 'Filling the cache',
	responding: 'Responding',
	done: 'Done',
	failed: 'Failed',
	deletingFirst: 'Deleting from the cache first',
	updatingDb: 'Updating the database',
	deletingCache: 'Deleting from the cache',
	retryingDelete: 'Retrying the delete',
	deletingAgain: 'Deleting again',
	settingCache: 'Setting the cache',
	redis: 'Command to Redis',
	clock: 'Time passes',
	link: 'Network change',
};

/** A step's name in words (`readingDb` → "Reading the database"); the state id stays a label. */
export function stepName(state: string): string {
	return STEP_WORDS[state] ?? state.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
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

/** Steps the sandbox keeps on its timeline; older ones scroll away (the counters keep counting). */
const SANDBOX_STEPS = 40;

/** The stage as the Lab's world shows it, whichever program runs on it. */
export function flowViewOf(lab: Pick<Lab, 'world' | 'scenario' | 'sandbox'>): FlowView {
	const { world, scenario, sandbox } = lab;
	const report = world.monitor.report();
	const timeline = scenario ? world.timeline : world.timeline.slice(-SANDBOX_STEPS);
	const steps = timeline.map(toStep);
	const lastRead = report.reads.at(-1);
	const lastFlow = world.timeline.findLast((e) => e.flow !== null);
	const counts: FlowCounts = {
		hits: report.hits,
		misses: report.misses,
		dbLoads: world.db.stats().reads,
		redisErrors: report.redisErrors,
		staleReads: report.staleReads,
		// The banner speaks of the latest read only: a fresh read after a fix clears it.
		lastStale:
			lastRead?.isStale === true
				? {
						at: lastRead.at,
						userId: lastRead.userId,
						version: lastRead.version,
						dbVersion: lastRead.dbVersionAtStart,
						staleForMs: lastRead.staleForMs,
					}
				: null,
	};
	const base = {
		steps,
		current: steps.at(-1) ?? null,
		counts,
		queries: world.db.log().slice(-12),
		listing: lastFlow?.flow ?? ('get_user' as const),
	};
	if (scenario) {
		const o = scenario.overrides;
		const ttl = o.ttlSeconds !== undefined ? o.ttlSeconds : scenario.scenario.ttlSeconds;
		const rt = lastFlow?.lane ? world.laneById(lastFlow.lane) : undefined;
		const strategy = rt?.request?.kind === 'write' ? rt.request.options.strategy : undefined;
		return {
			...base,
			lanes: scenario.scenario.lanes.map((l) => ({ id: l.id, label: l.label })),
			isRedisDown: world.lanes.some((rt) => rt.cache.link !== 'up'),
			variant: {
				guard: o.guard ?? 'none',
				hasTtl: ttl !== null,
				...(strategy ? { strategy } : {}),
				retryDelete: o.retryDelete ?? false,
				doubleDelete: (o.doubleDeleteMs ?? null) !== null,
			},
		};
	}
	const focus = sandbox.requests.at(-1);
	const options = focus?.options;
	return {
		...base,
		lanes: sandbox.requests.map((r) => ({ id: r.lane.id, label: r.lane.label })),
		isRedisDown: sandbox.isRedisDown,
		listing: focus?.flow ?? 'get_user',
		variant: {
			guard: 'none',
			hasTtl: options ? options.ttlSeconds !== null : true,
			...(options && 'strategy' in options ? { strategy: options.strategy } : {}),
		},
	};
}

export function toStep(e: TimelineEntry): FlowStep {
	const state = e.state ?? e.kind;
	return {
		key: `${e.lane ?? ''}:${e.index}:${e.at}`,
		lane: e.lane ?? '',
		at: e.at,
		latencyMs: e.endAt - e.at,
		state,
		description: e.description,
		flow: e.flow,
		line: e.line,
		ops: e.ops.map(opText),
		node: nodeFor(state),
		isStale: e.read?.isStale ?? false,
		isError: e.ops.some((op) => op.kind === 'redis' && op.linkError === true),
		source: e.read?.source ?? null,
	};
}
