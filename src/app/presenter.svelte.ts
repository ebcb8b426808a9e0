// Presenter mode: a playlist stepped from a clicker. Next / previous step drive the open scenario
// on the one world; past its last step the next item opens, before its first the previous one.
// The page shows the console and the item's visual side by side in projector type; B blanks it.
import { scenarioById } from '../flows/scenarios.ts';
import type { FlowStage } from './flow-stage.svelte.ts';
import { playlistById, type Playlist, type PlaylistItem } from './playlists.ts';

export class Presenter {
	active = $state(false);
	blank = $state(false);
	playlist: Playlist = $state.raw(playlistById(null));
	index = $state(0);
	readonly #stage: FlowStage;

	constructor(stage: FlowStage) {
		this.#stage = stage;
	}

	get item(): PlaylistItem {
		return this.playlist.items[this.index]!;
	}

	get title(): string {
		return scenarioById(this.item.id).title;
	}

	get step(): number {
		return this.#stage.scenarios.position;
	}

	/** What the step counter says, e.g. "2 of 10 · Expiry: lazy and active · step 3". */
	get status(): string {
		const end = this.#stage.scenarios.isFinished ? ' (end)' : '';
		return `${this.index + 1} of ${this.playlist.items.length} · ${this.title} · step ${this.step}${end}`;
	}

	/** Opens presenter mode on a playlist, at its first item. */
	start(playlistId: string | null = null): void {
		this.playlist = playlistById(playlistId);
		this.active = true;
		this.blank = false;
		this.#open(0);
	}

	stop(): void {
		this.active = false;
		this.blank = false;
	}

	next(): void {
		if (this.blank) return void (this.blank = false);
		const scenarios = this.#stage.scenarios;
		if (!scenarios.isFinished) return scenarios.step();
		if (this.index + 1 < this.playlist.items.length) this.#open(this.index + 1);
	}

	previous(): void {
		if (this.blank) return void (this.blank = false);
		if (this.step > 0) return this.#stage.scenarios.back();
		if (this.index > 0) this.#open(this.index - 1);
	}

	toggleBlank(): void {
		this.blank = !this.blank;
	}

	#open(index: number): void {
		this.index = index;
		const item = this.item;
		this.#stage.setMode('scenarios');
		const scenarios = this.#stage.scenarios;
		scenarios.selected = item.id;
		scenarios.enabledFixes = [...(item.fixes ?? [])];
		scenarios.start();
	}
}
