// The flow stage's state, owned by the app: the sandbox (requests against the console's own
// engine and clock) and the scenario player (a scripted world of its own), whichever mode the
// learner picked, and the `get_user` / `update_user` listing in the language they prefer.
import { lineNumber, listingFor, type ResolvedLine } from '../flows/listings.ts';
import { FlowSandbox } from './flow-sandbox.svelte.ts';
import { FlowScenarios, type Driver } from './flow-scenarios.svelte.ts';
import type { FlowView } from './flow-view.ts';
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
	mode: FlowMode = $state('sandbox');
	readonly sandbox: FlowSandbox;
	readonly preferences: Preferences;
	readonly #driver: Driver | undefined;
	/** Built the first time Scenarios is picked: the sandbox needs no scenario world. */
	#scenarios: FlowScenarios | null = null;

	constructor(session: Session, preferences: Preferences, driver?: Driver) {
		this.sandbox = new FlowSandbox(session);
		this.preferences = preferences;
		this.#driver = driver;
	}

	get scenarios(): FlowScenarios {
		return (this.#scenarios ??= new FlowScenarios(this.#driver));
	}

	setMode(mode: FlowMode): void {
		if (mode === 'sandbox') this.#scenarios?.pause();
		else void this.scenarios;
		this.mode = mode;
	}

	readonly view: FlowView = $derived.by(() =>
		this.mode === 'sandbox' ? this.sandbox.view : this.scenarios.view,
	);

	readonly listing: FlowListing = $derived.by(() => {
		const v = this.view;
		const lines = listingFor(v.listing, this.preferences.listing, v.variant);
		const c = v.current;
		const current = c?.line && c.flow === v.listing ? lineNumber(lines, c.line) : null;
		return { name: v.listing, lines, current };
	});

	dispose(): void {
		this.#scenarios?.dispose();
	}
}
