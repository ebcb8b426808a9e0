// The lessons' door on the first screen: reads stored progress (is this a first visit? was a
// lesson open?), offers the welcome, and loads the lesson runtime and lessons only when one
// opens, so none of it is in the first download.
import type { LabLog, LessonMark } from '../lab/lab-log.ts';
import type { FlowStage } from './flow-stage.svelte.ts';
import { readStartingProgress, rememberVisit, type StartingProgress } from './lesson-start.ts';
import type { LessonsController } from './lessons.svelte.ts';
import type { Session } from './session.svelte.ts';

export class LessonGate {
	/** The first-visit welcome is showing. */
	welcome = $state(false);
	/** Why stored progress could not be used, for the welcome to say; null when all is well. */
	problem: string | null = $state(null);
	lessons: LessonsController | null = $state.raw(null);
	loading = $state(false);
	readonly #session: Session;
	readonly #flow: FlowStage;
	#starting: StartingProgress = { progress: null, problem: null, isFirstVisit: false };
	#read = false;
	#loading: Promise<LessonsController> | null = null;
	#opening: Promise<void> | null = null;

	constructor(session: Session, flow: FlowStage) {
		this.#session = session;
		this.#flow = flow;
	}

	/** After the sandbox is restored: welcome a first visitor, or reopen the lesson they were on. */
	async start({ openedFromLink = false }: { openedFromLink?: boolean } = {}): Promise<void> {
		await this.#readProgress();
		// A shared link opens what it carries (its lesson, if it has one), not the stored lesson.
		if (openedFromLink) return;
		const { progress, isFirstVisit } = this.#starting;
		if (isFirstVisit) this.welcome = true;
		else if (progress?.open && progress.view === 'lesson') await this.load();
	}

	/** A shared session's lesson (a link, a file): opened with the world it carries. */
	async openShared(mark: LessonMark, log: LabLog): Promise<boolean> {
		this.welcome = false;
		// Stored progress first: the controller starts from it, and stores over it.
		if (!this.#read) await this.#readProgress();
		const c = await this.load();
		return c.openShared(mark, log);
	}

	async #readProgress(): Promise<void> {
		this.#starting = await readStartingProgress();
		this.problem = this.#starting.problem;
		this.#read = true;
	}

	get isLessonOpen(): boolean {
		return this.lessons?.isOpen ?? false;
	}

	/** The sandbox's log while a lesson is on the Lab (kept aside), or null. */
	sandboxLog(): LabLog | null {
		return this.lessons?.sandboxLog() ?? null;
	}

	/**
	 * Starts the lesson runtime ahead of a click (when the page is idle): its code, and once stored
	 * progress is read, the runtime itself with the lessons' files, so a click only opens one.
	 */
	prefetch(): void {
		if (this.#read) void this.load().catch(() => {});
		else void import('./lessons.svelte.ts');
	}

	/** Loads the lesson runtime (once) and starts it from the stored progress. */
	load(): Promise<LessonsController> {
		this.#loading ??= (async () => {
			this.loading = true;
			try {
				const [{ LessonsController }] = await Promise.all([
					import('./lessons.svelte.ts'),
					this.#session.ready(),
				]);
				const c = new LessonsController(this.#session, this.#flow);
				await c.start(this.#starting.progress, this.#starting.problem);
				this.lessons = c;
				return c;
			} finally {
				this.loading = false;
			}
		})();
		return this.#loading;
	}

	async startFirstLesson(): Promise<void> {
		this.welcome = false;
		const c = await this.load();
		const first = c.catalog.lessonIds[0];
		if (first) await c.open(first);
	}

	async openSandbox(): Promise<void> {
		this.welcome = false;
		await rememberVisit();
	}

	/**
	 * From the sandbox: back to the lesson the learner was on, or the first one. A second click
	 * while the first is still opening joins it rather than opening twice.
	 */
	openLessons(): Promise<void> {
		this.welcome = false;
		this.#opening ??= (async () => {
			try {
				const c = await this.load();
				await c.resume();
			} finally {
				this.#opening = null;
			}
		})();
		return this.#opening;
	}

	/** Stores lesson progress now (pagehide). */
	flush(): void {
		void this.lessons?.flush();
	}

	dispose(): void {
		this.lessons?.dispose();
	}
}
