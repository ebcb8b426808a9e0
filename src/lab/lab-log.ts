// The Lab's log: a seed, a start time, the program that runs (sandbox or a scenario with its
// fixes) and the timed inputs (and, shared, the lesson it belongs to). Replaying it on a fresh Lab rebuilds the state exactly, which is
// what reload, step back, permalinks, session files and lesson checks stand on.
import type { FlowAction } from './flow-actions.ts';

export const LOG_VERSION = 1;

export type Program =
	| { readonly kind: 'sandbox' }
	| { readonly kind: 'scenario'; readonly id: string; readonly fixes: readonly string[] };

export type LabInput =
	/** A console line, typed or sent by a lesson (meta-commands included). */
	| { readonly kind: 'line'; readonly at: number; readonly line: string }
	/** A deliberate clock move (Step, Next expiry, :advance from a button). */
	| { readonly kind: 'advance'; readonly at: number; readonly to: number }
	| { readonly kind: 'flow'; readonly at: number; readonly action: FlowAction }
	/** One step of the scenario that runs. */
	| { readonly kind: 'step'; readonly at: number };

/** The lesson open when a session was shared: its id, the hints shown and the goals met. */
export interface LessonMark {
	readonly id: string;
	readonly hints: number;
	readonly met: readonly number[];
}

export interface LabLog {
	readonly v: typeof LOG_VERSION;
	readonly seed: number;
	readonly start: number;
	readonly program: Program;
	readonly inputs: readonly LabInput[];
	/** Virtual time when the log was taken: replay runs the clock on to it. */
	readonly now: number;
	/**
	 * Only in a shared session (link, file, Copy state): the lesson its world belongs to. Absent,
	 * as in every log before lessons could be shared, the world opens as the sandbox.
	 */
	readonly lesson?: LessonMark;
}

export const SANDBOX: Program = { kind: 'sandbox' };

/**
 * More inputs than a long session produces (10,000 typed lines replay in about a second); a log
 * that would take longer than that to replay is refused by the replay check, not by its length.
 */
export const MAX_INPUTS = 20_000;
/** A console line longer than this is no typing: DEBUG POPULATE makes big data from short lines. */
export const MAX_LINE = 4096;
