// The write paths of `update_user` as one state machine whose route depends on the strategy:
//   db-only          updatingDb → done                      (the cache is left stale until its TTL)
//   update-then-del  updatingDb → deletingCache → done      (recommended; retryingDelete on failure)
//   del-then-update  deletingFirst → updatingDb → done      (wrong order; deletingAgain = the fix)
//   update-then-set  updatingDb → settingCache → done       (dual write)
// One state per teaching step; each effect runs as a callback actor that answers at once.
import { assign, fromCallback, setup, type SnapshotFrom } from 'xstate';
import type { User } from '../db/users.ts';
import type { CacheError } from './cache-client.ts';
import type { FlowDeps } from './flow-deps.ts';
import type { WriteOptions } from './flow-options.ts';
import type { StepTrace } from './trace.ts';
import {
	invalidate,
	retryWaitMs,
	setCache,
	updateDb,
	type WriteEffectEvent,
} from './write-effects.ts';

export interface WriteContext {
	readonly options: WriteOptions;
	readonly user: User | null;
	readonly dbError: string | null;
	/** The latest cache call's error, cleared by a success. */
	readonly redisError: CacheError | null;
	readonly redisErrors: number;
	/** DEL attempts made by the retry loop. */
	readonly attempts: number;
	readonly trace: StepTrace | null;
	readonly elapsedMs: number;
}

export type WriteEvent = { readonly type: 'step.next' } | WriteEffectEvent;

/** Give up retrying after this many attempts (the TTL is then the only safety net). */
export const MAX_DELETE_ATTEMPTS = 3;

export function createWritePathMachine(deps: FlowDeps) {
	const effect = (run: (c: WriteContext) => WriteEffectEvent) =>
		fromCallback<WriteEvent, WriteContext>(({ input, sendBack }) => {
			sendBack(run(input));
		});

	return setup({
		types: {
			context: {} as WriteContext,
			events: {} as WriteEvent,
			input: {} as WriteOptions,
		},
		actors: {
			database: effect((c) => updateDb(deps, c.options)),
			invalidation: effect((c) => invalidate(deps, c.options, c.user)),
			retry: effect((c) => invalidate(deps, c.options, c.user, retryWaitMs(c.attempts - 1))),
			pause: effect((c) => invalidate(deps, c.options, c.user, c.options.doubleDeleteMs ?? 0)),
			dualWrite: effect((c) => setCache(deps, c.options, c.user!)),
		},
		guards: {
			deletesFirst: ({ context }) => context.options.strategy === 'del-then-update',
			dbFailed: ({ context }) => context.dbError !== null || context.user === null,
			deletesAfter: ({ context }) => context.options.strategy === 'update-then-del',
			setsAfter: ({ context }) => context.options.strategy === 'update-then-set',
			deletesAgain: ({ context }) =>
				context.options.strategy === 'del-then-update' && context.options.doubleDeleteMs !== null,
			shouldRetry: ({ context }) =>
				context.redisError !== null &&
				context.options.retryDelete &&
				context.attempts < MAX_DELETE_ATTEMPTS,
		},
		actions: {
			record: assign(({ context, event }) => {
				if (event.type === 'step.next') return {};
				const spent = { trace: event.trace, elapsedMs: context.elapsedMs + event.trace.latencyMs };
				switch (event.type) {
					case 'db.replied':
						return { user: event.user, ...spent };
					case 'db.failed':
						return { dbError: event.error, ...spent };
					case 'redis.replied':
						return { redisError: null, ...spent };
					case 'redis.failed':
						return { redisError: event.error, redisErrors: context.redisErrors + 1, ...spent };
				}
			}),
			countAttempt: assign({ attempts: ({ context }) => context.attempts + 1 }),
			clearTrace: assign({ trace: null }),
		},
	}).createMachine({
		id: 'updateUser',
		context: ({ input }) => ({
			options: input,
			user: null,
			dbError: null,
			redisError: null,
			redisErrors: 0,
			attempts: 0,
			trace: null,
			elapsedMs: 0,
		}),
		initial: 'idle',
		on: {
			'db.replied': { actions: 'record' },
			'db.failed': { actions: 'record' },
			'redis.replied': { actions: 'record' },
			'redis.failed': { actions: 'record' },
		},
		states: {
			idle: {
				description: 'The app is about to change the user.',
				on: {
					'step.next': [
						{ guard: 'deletesFirst', target: 'deletingFirst' },
						{ target: 'updatingDb' },
					],
				},
			},
			deletingFirst: {
				description: 'DEL the cached row before writing: a reader may refill the old row.',
				tags: ['step'],
				invoke: { src: 'invalidation', input: ({ context }) => context },
				on: { 'step.next': 'updatingDb' },
			},
			updatingDb: {
				description: 'UPDATE the row in the database, the source of truth; version goes up.',
				tags: ['step'],
				invoke: { src: 'database', input: ({ context }) => context },
				on: {
					'step.next': [
						{ guard: 'dbFailed', target: 'done', actions: 'clearTrace' },
						{ guard: 'deletesAfter', target: 'deletingCache', actions: 'countAttempt' },
						{ guard: 'setsAfter', target: 'settingCache' },
						{ guard: 'deletesAgain', target: 'deletingAgain' },
						{ target: 'done', actions: 'clearTrace' },
					],
				},
			},
			deletingCache: {
				description: 'DEL the cached row after the write: the next reader misses and reloads.',
				tags: ['step'],
				invoke: { src: 'invalidation', input: ({ context }) => context },
				on: {
					'step.next': [
						{ guard: 'shouldRetry', target: 'retryingDelete', actions: 'countAttempt' },
						{ target: 'done', actions: 'clearTrace' },
					],
				},
			},
			retryingDelete: {
				description: 'The DEL failed: back off, then send it again.',
				tags: ['step'],
				invoke: { src: 'retry', input: ({ context }) => context },
				on: {
					'step.next': [
						{
							guard: 'shouldRetry',
							target: 'retryingDelete',
							reenter: true,
							actions: 'countAttempt',
						},
						{ target: 'done', actions: 'clearTrace' },
					],
				},
			},
			deletingAgain: {
				description: 'Wait about one read, then DEL again: clears a refill that raced the write.',
				tags: ['step'],
				invoke: { src: 'pause', input: ({ context }) => context },
				on: { 'step.next': { target: 'done', actions: 'clearTrace' } },
			},
			settingCache: {
				description: 'SET the new row in the cache too: a second write that can land out of order.',
				tags: ['step'],
				invoke: { src: 'dualWrite', input: ({ context }) => context },
				on: { 'step.next': { target: 'done', actions: 'clearTrace' } },
			},
			done: {
				description: 'The update is finished.',
				type: 'final',
			},
		},
	});
}

export type WritePathMachine = ReturnType<typeof createWritePathMachine>;
export type WriteSnapshot = SnapshotFrom<WritePathMachine>;

const WRITE_LINES: Record<string, string | null> = {
	deletingFirst: 'delete-first',
	updatingDb: 'update',
	deletingCache: 'delete',
	retryingDelete: 'retry',
	deletingAgain: 'delete-again',
	settingCache: 'set',
	done: 'return',
};

/** The listing line id the snapshot's state stands for. */
export function writeLine(snapshot: WriteSnapshot): string | null {
	return WRITE_LINES[String(snapshot.value)] ?? null;
}
