// What the first screen needs to know about lessons before any lesson code loads: whether the
// learner has been here (stored progress) and whether a lesson was open. The lesson runtime and
// the lessons themselves load only when one opens.
import { EMPTY_PROGRESS, type Progress } from '../lessons/progress.ts';
import { createProgressStore, type ProgressStore } from '../lessons/progress-store.ts';

export type { Progress };

export interface StartingProgress {
	readonly progress: Progress | null;
	readonly problem: string | null;
	/** Nothing usable stored: a first visit (or a store that could not be read) gets the welcome. */
	readonly isFirstVisit: boolean;
}

export async function readStartingProgress(
	store: ProgressStore = createProgressStore(),
): Promise<StartingProgress> {
	const { progress, problem } = await store.load();
	return { progress, problem, isFirstVisit: progress === null };
}

/** The welcome was answered with "Open the sandbox": store that, so it is not asked again. */
export async function rememberVisit(store: ProgressStore = createProgressStore()): Promise<void> {
	await store.save(EMPTY_PROGRESS);
}
