// One step on a scenario's timeline, as the stage and the step log show it.
import type { ServedRead } from './monitor.ts';
import type { Op } from './trace.ts';

export interface TimelineEntry {
	readonly index: number;
	/** When the step began (after its lane was free) and when its effect completed. */
	readonly at: number;
	readonly endAt: number;
	readonly lane: string | null;
	readonly kind: 'flow' | 'redis' | 'clock' | 'link';
	readonly flow: 'get_user' | 'update_user' | null;
	readonly state: string | null;
	/** The listing line id this step stands for. */
	readonly line: string | null;
	readonly description: string;
	readonly ops: readonly Op[];
	readonly say?: string;
	readonly read?: ServedRead;
}

/** What the narrator says at a step, spread last into its entry (absent when it says nothing). */
export type Said = { say?: string };
