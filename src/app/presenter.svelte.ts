// Presenter mode: a playlist stepped from a clicker. Next / previous step drive the open scenario
// (or run the open lesson's solution one line at a time) on the one world; past the last step the
// next item opens, before the first the previous one. The page shows the console and the item's
// visual side by side in projector type; B blanks it.
import { scenarioById } from '../flows/scenarios.ts';
import type { FlowStage } from './flow-stage.svelte.ts';
import type { LessonGate } from './lesson-gate.svelte.ts';
import type { LessonsController } from './lessons.svelte.ts';
import { playlistById, type Playlist, type PlaylistItem } from './playlists.ts';

export class Presenter {
	active = $state(false);
	blank = $state(false);
	playlist: Playlist = $state.raw(playlistById(null));
	index = $state(0);
	/** The open lesson (lesson items only), once its runtime has loaded. */
	lessons: LessonsController | null = $state.raw(null);
	/** Solution lines of the open lesson already run. */
	lessonStep = $state(0);
	readonly #stage: FlowStage;
	readonly #gate: LessonGate | null;

	constructor(stage: FlowStage, gate: LessonGate | null = null) {
		this.#stage = stage;
		this.#gate = gate;
	}

	get item(): PlaylistItem {
		return this.playlist.items[this.index]!;
	}

	get title(): string {
		const item = this.item;
		if (item.kind === 'scenario') return scenarioById(item.id).title;
		return this.lessons?.lesson?.title ?? 'Lesson';
	}

	get step(): number {
		return this.item.kind === 'lesson' ? this.lessonStep : this.#stage.scenarios.position;
	}

	get #solution() {
		return this.item.kind === 'lesson' ? (this.lessons?.lesson?.solution ?? []) : [];
	}

	get #isFinished(): boolean {
		return this.item.kind === 'lesson'
			? this.lessonStep >= this.#solution.length
			: this.#stage.scenarios.isFinished;
	}

	/** What the step counter says, e.g. "2 of 10 · Expiry: lazy and active · step 3". */
	get status(): string {
		const end = this.#isFinished ? ' (end)' : '';
		return `${this.index + 1} of ${this.playlist.items.length} · ${this.title} · step ${this.step}${end}`;
	}

	/** Opens presenter mode on a playlist, at its first item or at item `at` (1-based). */
	start(playlistId: string | null = null, at = 1): void {
		this.playlist = playlistById(playlistId);
		this.active = true;
		this.blank = false;
		const index = Number.isSafeInteger(at)
			? Math.min(Math.max(at, 1), this.playlist.items.length)
			: 1;
		void this.#open(index - 1);
	}

	stop(): void {
		this.active = false;
		this.blank = false;
	}

	next(): void {
		if (this.blank) return void (this.blank = false);
		if (!this.#isFinished) {
			if (this.item.kind === 'scenario') return this.#stage.scenarios.step();
			const line = this.#solution[this.lessonStep];
			if (!line || this.lessons?.typing !== null) return;
			this.lessonStep++;
			return void this.lessons.runLines([line]);
		}
		if (this.index + 1 < this.playlist.items.length) void this.#open(this.index + 1);
	}

	previous(): void {
		if (this.blank) return void (this.blank = false);
		if (this.step > 0) {
			if (this.item.kind === 'scenario') return this.#stage.scenarios.back();
			// A lesson goes back to its start: its lines may each have been several inputs.
			this.lessons?.resetLesson();
			this.lessonStep = 0;
			return;
		}
		if (this.index > 0) void this.#open(this.index - 1);
	}

	toggleBlank(): void {
		this.blank = !this.blank;
	}

	async #open(index: number): Promise<void> {
		this.index = index;
		this.lessonStep = 0;
		const item = this.item;
		await this.#stage.ready();
		if (item.kind === 'lesson') {
			if (!this.#gate) return;
			this.#stage.setMode('sandbox');
			const lessons = await this.#gate.load();
			await lessons.open(item.id);
			lessons.resetLesson();
			this.lessons = lessons;
			return;
		}
		this.lessons?.showSandbox();
		this.lessons = null;
		this.#stage.setMode('scenarios');
		const scenarios = this.#stage.scenarios;
		scenarios.selected = item.id;
		scenarios.enabledFixes = [...(item.fixes ?? [])];
		scenarios.start();
	}
}
