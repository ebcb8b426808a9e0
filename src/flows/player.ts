// The player: when to step, apart from what a step does. While playing it sends `step.next` on
// the virtual clock every `intervalMs / speed` (an XState `after` delay), so the app's time driver
// and the tests decide how fast that is in real time. Pausing stops the timer; stepping while
// paused sends one `step.next` at once.
import { assign, setup } from 'xstate';

export interface PlayerContext {
	readonly speed: number;
	/** Virtual ms between steps at speed 1. */
	readonly intervalMs: number;
}

export type PlayerEvent =
	| { readonly type: 'player.play' }
	| { readonly type: 'player.pause' }
	| { readonly type: 'player.speed'; readonly speed: number }
	| { readonly type: 'step.next' };

export interface PlayerDeps {
	/** Delivers one `step.next` to the scenario. */
	readonly step: () => void;
	readonly hasMore: () => boolean;
}

export const SPEEDS = [0.5, 1, 2, 4, 10] as const;

export function createPlayerMachine(deps: PlayerDeps) {
	return setup({
		types: {
			context: {} as PlayerContext,
			events: {} as PlayerEvent,
			input: {} as Partial<PlayerContext>,
		},
		delays: {
			stepInterval: ({ context }) => context.intervalMs / context.speed,
		},
		guards: {
			hasMore: () => deps.hasMore(),
		},
		actions: {
			sendStep: () => deps.step(),
			setSpeed: assign({
				speed: ({ context, event }) =>
					event.type === 'player.speed' && event.speed > 0 ? event.speed : context.speed,
			}),
		},
	}).createMachine({
		id: 'player',
		context: ({ input }) => ({ speed: input.speed ?? 1, intervalMs: input.intervalMs ?? 1000 }),
		initial: 'paused',
		on: { 'player.speed': { actions: 'setSpeed' } },
		states: {
			paused: {
				description: 'Waiting: press play, or step once.',
				on: {
					'player.play': { guard: 'hasMore', target: 'playing' },
					'step.next': { guard: 'hasMore', actions: 'sendStep' },
				},
			},
			playing: {
				description: 'Sending one step every interval of virtual time.',
				after: {
					stepInterval: [
						{ guard: 'hasMore', actions: 'sendStep', target: 'playing', reenter: true },
						{ target: 'paused' },
					],
				},
				on: { 'player.pause': 'paused' },
			},
		},
	});
}

export type PlayerMachine = ReturnType<typeof createPlayerMachine>;
