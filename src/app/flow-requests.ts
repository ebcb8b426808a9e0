// One sandbox request as the stage drives it: a read-path or write-path actor on the console's
// clock, `advance()` for one `step.next`, and `observe()` for what the step means (a served read,
// stale or not; a DB update that makes the cached row stale from now on).
import { createActor } from 'xstate';
import type { Database } from '../db/database.ts';
import type { VirtualClock } from '../engine/index.ts';
import type { FlowDeps } from '../flows/flow-deps.ts';
import type { ReadOptions, WriteOptions } from '../flows/flow-options.ts';
import type { ListingName, ListingVariant } from '../flows/listings.ts';
import { createReadPathMachine, readLine } from '../flows/read-path.ts';
import { EMPTY_TRACE, type StepTrace } from '../flows/trace.ts';
import { createWritePathMachine, writeLine } from '../flows/write-path.ts';
import type { FlowAction } from './flow-actions.ts';
import { NEW_NAMES, readSentence, staleFor, updateSentence } from './flow-sentences.ts';
import type { FlowLane, FlowStep, StaleRead } from './flow-view.ts';

/** What one `step.next` did, whatever the machine. */
export interface Stepped {
	readonly state: string;
	readonly line: string | null;
	readonly description: string;
	readonly trace: StepTrace;
	readonly isDone: boolean;
}

export interface Running {
	readonly lane: FlowLane;
	readonly flow: ListingName;
	readonly variant: ListingVariant;
	readonly advance: () => Stepped;
	/** After a step: marks for the timeline (a served read may be stale). */
	readonly observe: (s: Stepped, at: number) => Partial<FlowStep>;
	nextAt: number | null;
}

/** What a request needs from the sandbox that runs it. */
export interface RequestContext {
	readonly deps: FlowDeps;
	readonly clock: VirtualClock;
	readonly db: Database;
	/** `userId:version` → when the database reached that version; requests add to it. */
	readonly versionAt: Record<string, number>;
	readonly served: (isHit: boolean, isMiss: boolean, stale: StaleRead | null) => void;
	readonly log: (text: string) => void;
}

/** A sandbox `get_user`: the options from the recorded action. */
export function readRequest(
	id: number,
	action: Extract<FlowAction, { kind: 'request' }>,
	ctx: RequestContext,
): Running {
	const options: ReadOptions = { userId: action.userId, ttlSeconds: ttlOf(action), guard: 'none' };
	const machine = createReadPathMachine(ctx.deps);
	const actor = createActor(machine, { input: options, clock: ctx.clock });
	// A value typed into the console that is not a row as JSON makes the machine fail: shown, not thrown.
	actor.subscribe({ error: () => {} });
	actor.start();
	const dbVersionAtStart = ctx.db.peek(options.userId)?.version ?? null;
	return {
		lane: { id: `r${id}`, label: `#${id} get_user(${options.userId})` },
		flow: 'get_user',
		variant: { guard: 'none', hasTtl: options.ttlSeconds !== null },
		nextAt: null,
		advance: () => {
			actor.send({ type: 'step.next' });
			const s = actor.getSnapshot();
			if (s.status === 'error')
				return failed('The cached value is not a user row as JSON: get_user would raise here.');
			const state = String(s.value);
			const description = machine.states[state]?.description ?? '';
			const trace = s.context.trace ?? EMPTY_TRACE;
			return { state, line: readLine(s), description, trace, isDone: s.status === 'done' };
		},
		observe: (step, at) => {
			const c = actor.getSnapshot().context;
			if (step.state !== 'responding') return { isError: hasLinkError(step.trace) };
			const version = c.user?.version ?? null;
			const isStale = version !== null && dbVersionAtStart !== null && version < dbVersionAtStart;
			const staleForMs = isStale ? staleFor(ctx.versionAt, options.userId, version, at) : 0;
			const stale = isStale
				? { at, userId: options.userId, version, dbVersion: dbVersionAtStart, staleForMs }
				: null;
			const isMiss = c.source === 'db' && c.redisError === null;
			ctx.served(c.source === 'cache', isMiss, stale);
			ctx.log(readSentence(options, c, stale));
			return { isStale, source: c.source };
		},
	};
}

/** A sandbox `update_user`: renames the user (the next of NEW_NAMES) by the chosen write path. */
export function writeRequest(
	id: number,
	action: Extract<FlowAction, { kind: 'update' }>,
	ctx: RequestContext,
): Running {
	const version = ctx.db.peek(action.userId)?.version ?? 0;
	const options: WriteOptions = {
		userId: action.userId,
		changes: { name: NEW_NAMES[version % NEW_NAMES.length]! },
		strategy: action.strategy,
		ttlSeconds: ttlOf(action),
		guard: 'none',
		retryDelete: false,
		doubleDeleteMs: null,
	};
	const machine = createWritePathMachine(ctx.deps);
	const actor = createActor(machine, { input: options, clock: ctx.clock }).start();
	return {
		lane: { id: `w${id}`, label: `#${id} update_user(${options.userId})` },
		flow: 'update_user',
		variant: { guard: 'none', hasTtl: options.ttlSeconds !== null, strategy: options.strategy },
		nextAt: null,
		advance: () => {
			actor.send({ type: 'step.next' });
			const s = actor.getSnapshot();
			const state = String(s.value);
			const description = machine.states[state]?.description ?? '';
			const trace = s.context.trace ?? EMPTY_TRACE;
			return { state, line: writeLine(s), description, trace, isDone: s.status === 'done' };
		},
		observe: (step, at) => {
			const c = actor.getSnapshot().context;
			if (step.state === 'updatingDb' && c.user)
				ctx.versionAt[`${c.user.id}:${c.user.version}`] = at;
			if (step.isDone) ctx.log(updateSentence(options, c));
			return { isError: hasLinkError(step.trace) };
		},
	};
}

/** 0 in the TTL field means no TTL: a plain SET. */
function ttlOf(action: { readonly ttlSeconds: number }): number | null {
	return action.ttlSeconds > 0 ? action.ttlSeconds : null;
}

function failed(description: string): Stepped {
	return { state: 'failed', line: null, description, trace: EMPTY_TRACE, isDone: true };
}

/** The step's Redis call never got an answer (refused or timed out). */
export function hasLinkError(trace: StepTrace): boolean {
	return trace.ops.some((op) => op.kind === 'redis' && op.linkError === true);
}
