// Test data: flow steps as the stage produces them.
import type { FlowStep } from '../../app/flow-view.ts';

export function step(over: Partial<FlowStep> & Pick<FlowStep, 'state'>): FlowStep {
	return {
		key: `${over.lane ?? 'r1'}:${over.state}:${over.at ?? 0}`,
		lane: 'r1',
		at: 0,
		latencyMs: 1,
		description: '',
		flow: 'get_user',
		line: null,
		ops: [],
		node: 'app',
		isStale: false,
		isError: false,
		source: null,
		...over,
	};
}
