// The session's log of timed inputs (DESIGN.md §2.2): replaying it on a fresh engine with the same
// seed rebuilds the state exactly, which is how step back and "copy state" work.
import type { FlowAction } from './flow-actions.ts';

export type SessionInput =
	| { readonly kind: 'line'; readonly at: number; readonly line: string }
	| { readonly kind: 'advance'; readonly at: number; readonly to: number }
	| { readonly kind: 'flow'; readonly at: number; readonly action: FlowAction };

/** The inputs to replay and the moment to stop at, to undo the last input. */
export function withoutLast(inputs: readonly SessionInput[]): {
	inputs: SessionInput[];
	until: number | null;
} {
	const last = inputs.at(-1);
	if (!last) return { inputs: [], until: null };
	return { inputs: inputs.slice(0, -1), until: last.at };
}
