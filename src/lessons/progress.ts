// What a learner's progress holds (checked by progress-schema.ts before any stored or imported
// value is used). Kept apart from the schema so the first screen can name it without the checker.
import type { LabLog } from '../lab/lab-log.ts';

export const PROGRESS_VERSION = 1;

export interface PredictionAnswer {
	readonly choice: string;
	readonly right: boolean;
}

export interface OpenLesson {
	readonly lesson: string;
	/** How many hints the learner has revealed. */
	readonly hints: number;
	/** Goals met so far (by index). */
	readonly met: readonly number[];
	/** The lesson's world, to come back to exactly where they were. */
	readonly log: LabLog | null;
}

export interface Progress {
	readonly v: typeof PROGRESS_VERSION;
	readonly completed: readonly string[];
	/** The lesson the learner is on (kept while they visit the sandbox), or null. */
	readonly open: OpenLesson | null;
	/** What the page showed last: the lesson beside the console, or the full sandbox. */
	readonly view: 'lesson' | 'sandbox';
	/** Lesson id → prediction index → the answer given. */
	readonly predictions: Readonly<Record<string, Readonly<Record<string, PredictionAnswer>>>>;
}

export const EMPTY_PROGRESS: Progress = {
	v: PROGRESS_VERSION,
	completed: [],
	open: null,
	view: 'sandbox',
	predictions: {},
};
