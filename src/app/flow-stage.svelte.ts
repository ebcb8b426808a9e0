// The flow stage's state, owned by the app: which program runs on the Lab's one world (the
// sandbox or a scenario), the controls of each, and the `get_user` / `update_user` listing in the
// language the learner prefers. Switching to a scenario keeps the sandbox's log aside and puts it
// back, replayed, when the learner returns: the two never mix.
import { lineNumber, listingFor, type ResolvedLine } from '../flows/listings.ts';
import type { LabLog } from '../lab/lab-log.ts';
import { FlowSandbox } from './flow-sandbox.svelte.ts';
import { FlowScenarios } from './flow-scenarios.svelte.ts';
import { flowViewOf, type FlowView } from './flow-view.ts';
import type { Preferences } from './preferences.svelte.ts';
import type { Session } from './session.svelte.ts';

export type FlowMode = 'sandbox' | 'scenarios';

export interface FlowListing {
	readonly name: FlowView['listing'];
	readonly lines: readonly ResolvedLine[];
	/** The line the newest step stands for, or null. */
	readonly current: number | null;
}

export class FlowStage {
	readonly sandbox: FlowSandbox;
	readonly scenarios: FlowScenarios;
	readonly preferences: Preferences;
	readonly #session: Session;
	#sandboxLog: LabLog | null = null;

	constructor(session: Session, preferences: Preferences) {
		this.#session = session;
		this.sandbox = new FlowSandbox(session);
		this.scenarios = new FlowScenarios(session);
		this.preferences = preferences;
	}

	/** Whichever program is on the Lab: a lesson or a shared session may have put a scenario there. */
	get mode(): FlowMode {
		this.#session.trackWorld();
		return this.#session.lab.program.kind === 'sandbox' ? 'sandbox' : 'scenarios';
	}

	/** The sandbox's session: the live one, or the one kept aside while a scenario plays. */
	sandboxLog(): LabLog {
		return this.mode === 'sandbox' || !this.#sandboxLog
			? this.#session.lab.toLog()
			: this.#sandboxLog;
	}

	/** Opens a session from outside (a link, a file): its program decides the mode. */
	open(log: LabLog): void {
		this.scenarios.pause();
		this.#sandboxLog = null;
		if (log.program.kind === 'scenario') {
			this.scenarios.selected = log.program.id;
			this.scenarios.enabledFixes = [...log.program.fixes];
		}
		this.#session.load(log);
	}

	/** Resolves once the flow runtime and every command are in; the stage's controls wait for it. */
	ready(): Promise<void> {
		return this.#session.ready();
	}

	setMode(mode: FlowMode): void {
		if (mode === this.mode) return;
		if (mode === 'scenarios') {
			this.#sandboxLog = this.#session.lab.toLog();
			this.scenarios.start();
		} else {
			this.scenarios.pause();
			if (this.#sandboxLog) this.#session.load(this.#sandboxLog);
			else this.#session.run({ kind: 'sandbox' });
			this.#sandboxLog = null;
		}
	}

	readonly view: FlowView = $derived.by(() => {
		this.#session.trackWorld();
		return flowViewOf(this.#session.lab);
	});

	readonly listing: FlowListing = $derived.by(() => {
		const v = this.view;
		const lines = listingFor(v.listing, this.preferences.listing, v.variant);
		const c = v.current;
		const current = c?.line && c.flow === v.listing ? lineNumber(lines, c.line) : null;
		return { name: v.listing, lines, current };
	});

	dispose(): void {
		this.scenarios.pause();
	}
}
