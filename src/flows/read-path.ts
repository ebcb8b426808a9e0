// The read path of the seed's `get_user` as a state machine, one state per teaching step:
// checkingCache → (hit) responding | (miss) readingDb → fillingCache → responding → done.
// With Redis down the GET fails, the error is counted and the request goes straight to the
// database and back without filling: slow, but alive. Each `step.next` is one whole step: the
// state's effect runs as a callback actor that answers at once, so the machine rests on the result.
import { assign, fromCallback, setup, type SnapshotFrom } from 'xstate';
import type { User } from '../db/users.ts';
import type { CacheError } from './cache-client.ts';
import type { FlowDeps } from './flow-deps.ts';
import type { ReadOptions } from './flow-options.ts';
import {
	checkCache,
	fillCache,
	readDb,
	type FillOutcome,
	type ReadEffectEvent,
} from './read-effects.ts';
import type { StepTrace } from './trace.ts';

export interface ReadContext {
	readonly options: ReadOptions;
	readonly cached: string | null;
	readonly user: User | null;
	/** Where the answer came from, once known. */
	readonly source: 'cache' | 'db' | null;
	readonly redisError: CacheError | null;
	readonly dbError: string | null;
	readonly leaseToken: string | null;
	readonly fill: FillOutcome | null;
	/** The latest step's commands and queries. */
	readonly trace: StepTrace | null;
	/** Virtual time the request has spent so far. */
	readonly elapsedMs: number;
}

export type ReadEvent = { readonly type: 'step.next' } | ReadEffectEvent;

type EffectInput = ReadContext;

export function createReadPathMachine(deps: FlowDeps) {
	const effect = (run: (c: ReadContext) => ReadEffectEvent) =>
		fromCallback<ReadEvent, EffectInput>(({ input, sendBack }) => {
			sendBack(run(input));
		});
	const spend = (c: ReadContext, trace: StepTrace) => ({
		trace,
		elapsedMs: c.elapsedMs + trace.latencyMs,
	});

	return setup({
		types: {
			context: {} as ReadContext,
			events: {} as ReadEvent,
			input: {} as ReadOptions,
		},
		actors: {
			redis: effect((c) => checkCache(deps, c.options)),
			database: effect((c) => readDb(deps, c.options)),
			fill: effect((c) => fillCache(deps, c.options, c.user!, c.leaseToken)),
		},
		guards: {
			isHit: ({ context }) => context.cached !== null,
			canFill: ({ context }) => context.user !== null && context.redisError === null,
		},
		actions: {
			recordCache: assign(({ context, event }) => {
				if (event.type === 'redis.replied') {
					const { cached, leaseToken, trace } = event;
					const user = cached === null ? null : (JSON.parse(cached) as User);
					return { cached, leaseToken, user, ...spend(context, trace) };
				}
				if (event.type === 'redis.failed')
					return { redisError: event.error, ...spend(context, event.trace) };
				return {};
			}),
			recordRow: assign(({ context, event }) => {
				if (event.type === 'db.replied')
					return { user: event.user, ...spend(context, event.trace) };
				if (event.type === 'db.failed')
					return { dbError: event.error, ...spend(context, event.trace) };
				return {};
			}),
			recordFill: assign(({ context, event }) =>
				event.type === 'cache.filled'
					? { fill: event.outcome, ...spend(context, event.trace) }
					: {},
			),
			answerFromCache: assign({ source: 'cache', trace: { ops: [], latencyMs: 0 } }),
			answerFromDb: assign({ source: 'db', trace: { ops: [], latencyMs: 0 } }),
			clearTrace: assign({ trace: null }),
		},
	}).createMachine({
		id: 'getUser',
		context: ({ input }) => ({
			options: input,
			cached: null,
			user: null,
			source: null,
			redisError: null,
			dbError: null,
			leaseToken: null,
			fill: null,
			trace: null,
			elapsedMs: 0,
		}),
		initial: 'idle',
		states: {
			idle: {
				description: 'The app is about to look up the user.',
				on: { 'step.next': 'checkingCache' },
			},
			checkingCache: {
				description: 'Ask Redis first: GET user:<id>. A hit ends here; a miss (nil) goes on.',
				tags: ['step'],
				invoke: { src: 'redis', input: ({ context }) => context },
				on: {
					'redis.replied': { actions: 'recordCache' },
					'redis.failed': { actions: 'recordCache' },
					'step.next': [
						{ guard: 'isHit', target: 'responding', actions: 'answerFromCache' },
						{ target: 'readingDb' },
					],
				},
			},
			readingDb: {
				description: 'Cache miss: read the row from the database, the slow source of truth.',
				tags: ['step'],
				invoke: { src: 'database', input: ({ context }) => context },
				on: {
					'db.replied': { actions: 'recordRow' },
					'db.failed': { actions: 'recordRow' },
					'step.next': [
						{ guard: 'canFill', target: 'fillingCache' },
						{ target: 'responding', actions: 'answerFromDb' },
					],
				},
			},
			fillingCache: {
				description: 'Store the row in Redis with a TTL, so the next reader gets a hit.',
				tags: ['step'],
				invoke: { src: 'fill', input: ({ context }) => context },
				on: {
					'cache.filled': { actions: 'recordFill' },
					'step.next': { target: 'responding', actions: 'answerFromDb' },
				},
			},
			responding: {
				description: 'Return the user to the caller.',
				tags: ['step'],
				on: { 'step.next': { target: 'done', actions: 'clearTrace' } },
			},
			done: {
				description: 'The request is finished.',
				type: 'final',
			},
		},
	});
}

export type ReadPathMachine = ReturnType<typeof createReadPathMachine>;
export type ReadSnapshot = SnapshotFrom<ReadPathMachine>;

/** The listing line id the snapshot's state stands for (hit, error and plain cases differ). */
export function readLine(snapshot: ReadSnapshot): string | null {
	const c = snapshot.context;
	switch (snapshot.value) {
		case 'checkingCache':
			return c.redisError ? 'redis-down' : 'get';
		case 'readingDb':
			return 'select';
		case 'fillingCache':
			return 'fill';
		case 'responding':
			return c.source === 'cache' ? 'hit' : 'return';
		default:
			return null;
	}
}
