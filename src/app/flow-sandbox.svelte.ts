// The flow stage's sandbox controls: the request form's fields and the buttons, each an input of
// the Lab's log (so step back, reload and permalinks redo it). The requests themselves run in the
// Lab's sandbox program on the one world, against the console's own engine and database.
import type { WriteStrategy } from '../flows/flow-options.ts';
import type { Session } from './session.svelte.ts';

export class FlowSandbox {
	readonly #session: Session;
	userId = $state(123);
	/** 0 = no TTL (a plain SET: no safety net). */
	ttlSeconds = $state(300);
	strategy: WriteStrategy = $state('db-only');

	constructor(session: Session) {
		this.#session = session;
	}

	get isRedisDown(): boolean {
		this.#session.trackWorld();
		return this.#session.lab.sandbox.isRedisDown;
	}

	/** When the next pending step is due, or null when no request is in flight. */
	get nextStepAt(): number | null {
		this.#session.trackWorld();
		return this.#session.lab.sandbox.nextStepAt;
	}

	sendRequest(): void {
		this.#session.recordFlow({ kind: 'request', ...this.#fields() });
	}

	updateUser(): void {
		this.#session.recordFlow({ kind: 'update', strategy: this.strategy, ...this.#fields() });
	}

	toggleRedis(): void {
		this.#session.recordFlow({ kind: 'link', isDown: !this.isRedisDown });
	}

	/** The process dies and starts again: back with its last snapshot, or empty. */
	restartRedis(): void {
		this.#session.recordFlow({ kind: 'restart' });
	}

	/** Moves the clock to the next pending step (a recorded clock move, like the clock's Step). */
	stepRequest(): void {
		const next = this.nextStepAt;
		if (next !== null) this.#session.advance(next - this.#session.clock.now());
	}

	/** The inputs as whole numbers (an emptied field reads as null): user 1…1000, TTL ≥ 0. */
	#fields(): { userId: number; ttlSeconds: number } {
		const whole = (v: unknown, fallback: number) =>
			Number.isFinite(Number(v)) && v !== null ? Math.floor(Number(v)) : fallback;
		return {
			userId: Math.min(1000, Math.max(1, whole(this.userId, 1))),
			ttlSeconds: Math.max(0, whole(this.ttlSeconds, 0)),
		};
	}
}
