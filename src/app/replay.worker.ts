// A Web Worker that replays a session's log on a Lab of its own and says what came of it. The
// page runs a session from outside (a link, a file) here first: a log that takes too long to
// replay, or fails, is refused before it can stall the page. Also proof that the Lab needs no DOM.
import { loadAllCommands } from '../engine/index.ts';
import { loadFlowRuntime } from '../lab/flow-kit.ts';
import { Lab } from '../lab/lab.ts';
import type { LabLog } from '../lab/lab-log.ts';

export type ReplayResult =
	| { readonly ok: true; readonly keys: number; readonly inputs: number; readonly ms: number }
	| { readonly ok: false };

const scope = self as unknown as {
	onmessage: ((e: MessageEvent<LabLog>) => void) | null;
	postMessage(message: ReplayResult): void;
};

scope.onmessage = async (e) => {
	await Promise.all([loadAllCommands(), loadFlowRuntime()]);
	const started = performance.now();
	try {
		const lab = new Lab();
		lab.load(e.data);
		const result = {
			ok: true as const,
			keys: lab.engine.inspect().keys.length,
			inputs: lab.inputs.length,
			ms: performance.now() - started,
		};
		lab.dispose();
		scope.postMessage(result);
	} catch {
		scope.postMessage({ ok: false });
	}
};
