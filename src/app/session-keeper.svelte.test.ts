import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LabLog } from '../lab/lab-log.ts';
import type { SessionStore } from '../lab/storage.ts';
import { Session } from './session.svelte.ts';
import { SessionKeeper } from './session-keeper.svelte.ts';

/** A store whose saves finish only when the test says so, as a slow IndexedDB would. */
function slowStore() {
	const saved: LabLog[] = [];
	const pending: (() => void)[] = [];
	const store: SessionStore = {
		load: async () => ({ log: null, problem: null }),
		save: (log) =>
			new Promise((resolve) =>
				pending.push(() => {
					saved.push(log);
					resolve(true);
				}),
			),
		clear: async () => true,
	};
	return { store, saved, finishSave: () => pending.shift()?.() };
}

describe('SessionKeeper', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('does not say "kept" while a line typed during a save is still to be stored', async () => {
		const session = new Session();
		session.playing = false;
		const { store, saved, finishSave } = slowStore();
		const keeper = new SessionKeeper(session, () => session.lab.toLog(), store);
		await keeper.start(false);
		session.submit('SET a 1');
		// The reply's frame shows the reply alone; the status follows in the next one.
		expect(keeper.status).toBe('saved');
		await vi.advanceTimersByTimeAsync(20); // a frame
		expect(keeper.status).toBe('unsaved');
		await vi.advanceTimersByTimeAsync(280); // the debounced save starts, and waits on the store
		session.submit('SET b 2');
		finishSave();
		await vi.advanceTimersByTimeAsync(0);
		expect(saved).toHaveLength(1);
		expect(keeper.status).toBe('unsaved');
		await vi.advanceTimersByTimeAsync(300);
		finishSave();
		await vi.advanceTimersByTimeAsync(0);
		expect(saved.at(-1)!.inputs).toHaveLength(2);
		expect(keeper.status).toBe('saved');
		keeper.dispose();
	});

	it('says "Keeping…" a frame after a line, and not at all if it was stored within that frame', async () => {
		const session = new Session();
		session.playing = false;
		const { store, finishSave } = slowStore();
		const keeper = new SessionKeeper(session, () => session.lab.toLog(), store);
		await keeper.start(false);
		session.submit('SET a 1');
		const stored = keeper.flush(); // as on pagehide
		finishSave();
		await stored;
		await vi.advanceTimersByTimeAsync(20);
		expect(keeper.status).toBe('saved');
		session.submit('SET b 2');
		await vi.advanceTimersByTimeAsync(20);
		expect(keeper.status).toBe('unsaved');
		keeper.dispose();
	});
});
