// Replays a session from outside in a Web Worker before the page runs it: a log that fails, or
// takes longer than REPLAY_BUDGET_MS (say, DEBUG POPULATE with a billion keys), is refused with a
// reason and the page never freezes on it. Where no worker can start (a test DOM, a locked-down
// browser) the check is skipped and the page replays the log itself, as it always could.
import type { LabLog } from '../lab/lab-log.ts';
import type { ReplayResult } from './replay.worker.ts';

/** A real session replays in well under a second; this is far beyond that. */
export const REPLAY_BUDGET_MS = 4000;

export type ReplayCheck = { readonly ok: true } | { readonly ok: false; readonly problem: string };

export async function checkReplay(log: LabLog, budgetMs = REPLAY_BUDGET_MS): Promise<ReplayCheck> {
	let worker: Worker;
	try {
		if (typeof Worker === 'undefined') return { ok: true };
		// Its own file, fetched only when a session comes from outside: the first screen stays light.
		const { default: ReplayWorker } = await import('./replay.worker.ts?worker');
		worker = new ReplayWorker();
	} catch {
		return { ok: true };
	}
	return new Promise((resolve) => {
		const done = (check: ReplayCheck) => {
			clearTimeout(timer);
			worker.terminate();
			resolve(check);
		};
		const timer = setTimeout(
			() => done({ ok: false, problem: 'it takes too long to replay' }),
			budgetMs,
		);
		worker.onmessage = (e: MessageEvent<ReplayResult>) =>
			done(e.data.ok ? { ok: true } : { ok: false, problem: 'it could not be replayed' });
		// A worker that cannot load (file://, a strict policy) is no reason to refuse the session.
		worker.onerror = () => done({ ok: true });
		worker.postMessage(log);
	});
}
