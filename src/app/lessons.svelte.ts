// Guided lessons on the page's one Lab: which lesson is open, its goals as they tick, hints, Run
// and Show me typing lines visibly, predictions, and the learner's progress stored as it changes.
// The sandbox's log is kept aside while a lesson runs (and the lesson's while the sandbox shows),
// so switching never mixes the two. Loaded only when a lesson opens: not in the first download.
import { scenarioById } from '../flows/scenarios.ts';
import type { LabLog, LessonMark, Program } from '../lab/lab-log.ts';
import { bundledCatalog, type Catalog } from '../lessons/catalog.ts';
import { LessonRun, runScriptLine, type Graded } from '../lessons/lesson-run.ts';
import type { Lesson, Panel, ScriptLine, StageAction } from '../lessons/lesson-types.ts';
import {
	EMPTY_PROGRESS,
	type PredictionAnswer,
	type Progress,
} from '../lessons/progress-schema.ts';
import { createProgressStore, type ProgressStore } from '../lessons/progress-store.ts';
import { progressFile, readProgressFile } from '../lessons/progress-file.ts';
import type { FlowStage } from './flow-stage.svelte.ts';
import type { Session } from './session.svelte.ts';

export type { Graded, Lesson, Panel, ScriptLine };

/** Real ms between two lines that Run or Show me types: slow enough to watch. */
export const TYPE_INTERVAL_MS = 400;
/** Real ms between two characters typed into the console's input, and a line's longest typing. */
export const CHAR_INTERVAL_MS = 35;
const LINE_TYPING_MS = 1200;
const SAVE_DEBOUNCE_MS = 300;
/** While time plays, goals that read TTLs are looked at again this often (real ms). */
const RECHECK_MS = 1000;

export interface LessonEntry {
	readonly id: string;
	readonly title: string;
	readonly isOpen: boolean;
	readonly isDone: boolean;
}

export interface ChapterView {
	readonly id: string;
	readonly title: string;
	/** Null until the chapter's files are loaded. */
	readonly lessons: readonly LessonEntry[] | null;
	readonly count: number;
}

export interface LessonsOptions {
	readonly store?: ProgressStore;
	readonly catalog?: Catalog;
	/** Waits between typed lines (tests pass one that resolves at once). */
	readonly wait?: (ms: number) => Promise<void>;
	/** Whether the learner asked for less motion: lines then appear in the input whole. */
	readonly reducedMotion?: () => boolean;
}

export class LessonsController {
	view: 'lesson' | 'sandbox' = $state('sandbox');
	lesson: Lesson | null = $state.raw(null);
	met: readonly boolean[] = $state.raw([]);
	hints = $state(0);
	answers: Readonly<Record<string, PredictionAnswer & { happened?: string; why?: string }>> =
		$state.raw({});
	progress: Progress = $state.raw(EMPTY_PROGRESS);
	chapters: readonly ChapterView[] = $state.raw([]);
	/** The line Run or Show me is about to send, or null when none is being typed. */
	typing: string | null = $state(null);
	/** One sentence when something went wrong (a broken lesson, storage that refuses). */
	notice: string | null = $state(null);
	/** The result of the last import, in words. */
	importMessage: { ok: boolean; text: string } | null = $state(null);
	/** False once storing failed: progress will not be kept. */
	storing = $state(true);

	readonly catalog: Catalog;
	readonly #session: Session;
	readonly #flow: FlowStage;
	readonly #store: ProgressStore;
	readonly #wait: (ms: number) => Promise<void>;
	readonly #reducedMotion: () => boolean;
	#run: LessonRun | null = null;
	/** The log of whichever of sandbox and lesson is not on the Lab now. */
	#sandboxLog: LabLog | null = null;
	#lessonLog: LabLog | null = null;
	#saveTimer: ReturnType<typeof setTimeout> | null = null;
	/** The progress as last read or stored, as JSON: a flush with nothing new writes nothing. */
	#stored = '';
	#checkTimer: ReturnType<typeof setTimeout> | null = null;
	#interval: ReturnType<typeof setInterval> | null = null;
	#lastChecked = 0;
	#typingToken = 0;
	#unsubscribe: () => void;

	constructor(session: Session, flow: FlowStage, options: LessonsOptions = {}) {
		this.#session = session;
		this.#flow = flow;
		this.#store = options.store ?? createProgressStore();
		this.catalog = options.catalog ?? bundledCatalog();
		this.#wait = options.wait ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
		this.#reducedMotion =
			options.reducedMotion ??
			(() =>
				typeof matchMedia !== 'undefined' &&
				matchMedia('(prefers-reduced-motion: reduce)').matches);
		this.chapters = this.catalog.chapters.map((c) => ({
			id: c.id,
			title: titleOf(c.id),
			lessons: null,
			count: c.lessonIds.length,
		}));
		this.#unsubscribe = session.lab.subscribe(() => this.#changed());
		session.lessonMark = () => this.#mark();
		if (typeof setInterval !== 'undefined')
			this.#interval = setInterval(() => this.#recheck(), RECHECK_MS);
	}

	/** Starts from stored progress (already read by the page), opening where the learner was. */
	async start(progress: Progress | null, problem: string | null): Promise<void> {
		if (problem)
			this.notice = `Your saved progress could not be read (${problem}); starting fresh.`;
		this.progress = progress ?? EMPTY_PROGRESS;
		const open = this.progress.open;
		if (open && this.progress.view === 'lesson') await this.open(open.lesson, { resume: true });
		else if (open) this.#lessonLog = open.log;
		// What the store holds, or should: leaving the page without a change (pagehide flushes)
		// must not write over it, not even over a store that could not be read.
		this.#stored = JSON.stringify(this.#snapshot());
		void this.loadAllChapters();
	}

	get isOpen(): boolean {
		return this.view === 'lesson' && this.lesson !== null;
	}

	/** The sandbox's log while a lesson is on the Lab (what the session keeper stores), or null. */
	sandboxLog(): LabLog | null {
		return this.view === 'lesson' ? this.#sandboxLog : null;
	}

	get index(): number {
		return this.lesson ? this.catalog.lessonIds.indexOf(this.lesson.id) : -1;
	}

	get previousId(): string | null {
		return this.catalog.lessonIds[this.index - 1] ?? null;
	}

	get nextId(): string | null {
		const i = this.index;
		return i < 0 ? null : (this.catalog.lessonIds[i + 1] ?? null);
	}

	get isComplete(): boolean {
		return this.met.length > 0 && this.met.every(Boolean);
	}

	/**
	 * What the world runs while it is not the open lesson's own program, or null while it is: the
	 * flow stage can switch the one world to another scenario, other fixes or the sandbox in the
	 * middle of a lesson, and the lesson's goals and predictions then look at that world.
	 */
	get offProgram(): string | null {
		const lesson = this.lesson;
		if (!this.isOpen || lesson === null) return null;
		this.#session.trackWorld();
		const p = this.#session.lab.program;
		return sameProgram(p, lesson.program) ? null : programWords(p);
	}

	/**
	 * Opens a lesson: a fresh world with its seed and setup, or (coming back to the lesson the
	 * learner was on, from the sandbox or a reload) the world it had.
	 */
	async open(id: string, { resume = false }: { resume?: boolean } = {}): Promise<void> {
		if (id === this.lesson?.id && this.view === 'lesson') return;
		const lesson = await this.#find(id);
		if (!lesson) return;
		const fromSandbox = this.#leave();
		const saved = this.progress.open?.lesson === id ? this.progress.open : null;
		const log = !saved
			? null
			: resume
				? saved.log
				: fromSandbox
					? (this.#lessonLog ?? saved.log)
					: null;
		let run: LessonRun | null = null;
		if (log && saved) {
			try {
				this.#session.load(log);
				run = new LessonRun(this.#session.lab, lesson, { fresh: false });
				for (const i of saved.met) if (i < run.met.length) run.met[i] = true;
			} catch {
				run = null;
			}
		}
		run ??= new LessonRun(this.#session.lab, lesson);
		this.#show(run, saved ? saved.hints : 0);
	}

	/**
	 * A shared session's lesson (a link, a file): its world replayed from the log, with the goals
	 * met and hints shown when it was shared. False when this version has no such lesson.
	 */
	async openShared(mark: LessonMark, log: LabLog): Promise<boolean> {
		const lesson = await this.#find(mark.id);
		if (!lesson) return false;
		this.#leave();
		this.#session.load(log);
		const run = new LessonRun(this.#session.lab, lesson, { fresh: false });
		for (const i of mark.met) if (i < run.met.length) run.met[i] = true;
		this.#show(run, mark.hints);
		return true;
	}

	async #find(id: string): Promise<Lesson | null> {
		try {
			const lesson = await this.catalog.lesson(id);
			const chapter = this.catalog.chapterOf(id);
			if (chapter) this.#loaded.set(chapter.id, await this.catalog.chapter(chapter.id));
			if (!lesson) this.notice = `There is no lesson "${id}".`;
			return lesson;
		} catch (e) {
			this.notice = `This lesson could not be loaded: ${e instanceof Error ? e.message : String(e)}`;
			return null;
		}
	}

	/** Stops what the open lesson was doing; from the sandbox, keeps the sandbox aside. */
	#leave(): boolean {
		this.#stopTyping();
		const fromSandbox = this.view === 'sandbox';
		if (fromSandbox) {
			this.#flow.setMode('sandbox');
			this.#sandboxLog = this.#session.lab.toLog();
		}
		this.#run?.dispose();
		return fromSandbox;
	}

	#show(run: LessonRun, hints: number): void {
		const lesson = run.lesson;
		this.#lessonLog = null;
		this.#run = run;
		this.lesson = lesson;
		this.view = 'lesson';
		this.hints = Math.min(hints, lesson.hints.length);
		this.answers = this.progress.predictions[lesson.id] ?? {};
		this.met = [...run.met];
		this.#evaluate();
		this.#record();
	}

	/** What a shared session says about the lesson on the Lab, or null in the sandbox. */
	#mark(): LessonMark | null {
		if (!this.isOpen || !this.lesson) return null;
		const met = this.met.flatMap((m, i) => (m ? [i] : []));
		return { id: this.lesson.id, hints: this.hints, met };
	}

	/** The full sandbox, as it was; the lesson is kept aside for when the learner comes back. */
	showSandbox(): void {
		if (this.view === 'sandbox') return;
		this.#stopTyping();
		this.#lessonLog = this.#session.lab.toLog();
		this.#record();
		this.view = 'sandbox';
		this.progress = { ...this.progress, view: 'sandbox' };
		if (this.#sandboxLog) this.#session.load(this.#sandboxLog);
		else this.#session.run({ kind: 'sandbox' });
		this.#sandboxLog = null;
		this.#save();
	}

	/** Back from the sandbox to the lesson the learner was on (or the first one). */
	async resume(): Promise<void> {
		const id = this.progress.open?.lesson ?? this.catalog.lessonIds[0];
		if (id) await this.open(id, { resume: false });
	}

	/** Reset lesson: the lesson's seed and setup again, goals unmet, hints hidden. */
	resetLesson(): void {
		if (!this.#run) return;
		this.#stopTyping();
		this.#run.restart();
		this.met = [...this.#run.met];
		this.hints = 0;
		this.#record();
	}

	showHint(): void {
		if (this.lesson && this.hints < this.lesson.hints.length) {
			this.hints++;
			this.#record();
		}
	}

	/** Types a Run block's lines into the console, one at a time. */
	runLines(lines: readonly ScriptLine[]): Promise<void> {
		return this.#type(lines);
	}

	/** Show me: the solution, typed and pressed visibly. */
	showMe(): Promise<void> {
		return this.#type(this.lesson?.solution ?? []);
	}

	/** Grades a prediction on a copy of the world now, and keeps the answer. */
	predict(index: number, choice: string): Graded | null {
		if (!this.#run || !this.lesson) return null;
		const graded = this.#run.grade(index, choice);
		this.answers = { ...this.answers, [String(index)]: graded };
		const id = this.lesson.id;
		const kept = { choice: graded.choice, right: graded.right };
		this.progress = {
			...this.progress,
			predictions: {
				...this.progress.predictions,
				[id]: { ...this.progress.predictions[id], [String(index)]: kept },
			},
		};
		this.#save();
		return graded;
	}

	/** The progress as a JSON file's text (Export progress). */
	exportText(): string {
		return progressFile(this.#snapshot());
	}

	/** Import progress: replaces completions and predictions; a bad file changes nothing. */
	importText(text: string): boolean {
		const r = readProgressFile(text);
		if ('problem' in r) {
			this.importMessage = { ok: false, text: `That file was not imported: ${r.problem}.` };
			return false;
		}
		this.progress = { ...r.progress, open: this.progress.open, view: this.progress.view };
		if (this.lesson) this.answers = this.progress.predictions[this.lesson.id] ?? {};
		const n = r.progress.completed.length;
		this.importMessage = {
			ok: true,
			text: `Progress imported: ${n} lesson${n === 1 ? '' : 's'} completed.`,
		};
		this.#reflect();
		this.#save();
		return true;
	}

	/** Reset progress: no lesson completed, no prediction kept (the open lesson stays open). */
	resetProgress(): void {
		this.progress = { ...EMPTY_PROGRESS, open: this.progress.open, view: this.progress.view };
		this.answers = {};
		this.importMessage = null;
		this.#reflect();
		this.#save();
	}

	/** Loads every chapter's titles for the navigation (a chapter at a time). */
	async loadAllChapters(): Promise<void> {
		for (const c of this.catalog.chapters) {
			try {
				this.#loaded.set(c.id, await this.catalog.chapter(c.id));
			} catch {
				// A broken chapter shows its problem when one of its lessons opens.
			}
			this.#reflect();
		}
	}

	// Plain cache: #reflect() copies what it needs into `chapters`, which is the reactive state.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	readonly #loaded = new Map<string, { title: string; lessons: readonly Lesson[] }>();

	/** The Lessons navigation: every chapter with its lessons and their state. */
	#reflect(): void {
		this.chapters = this.catalog.chapters.map((c) => {
			const loaded = this.#loaded.get(c.id);
			return {
				id: c.id,
				title: loaded?.title ?? titleOf(c.id),
				count: c.lessonIds.length,
				lessons: loaded
					? loaded.lessons.map((l) => ({
							id: l.id,
							title: l.title,
							isOpen: l.id === this.lesson?.id && this.view === 'lesson',
							isDone: this.progress.completed.includes(l.id),
						}))
					: null,
			};
		});
	}

	isDone(id: string): boolean {
		return this.progress.completed.includes(id);
	}

	dispose(): void {
		if (this.#session.lessonMark) this.#session.lessonMark = null;
		this.#stopTyping();
		this.#unsubscribe();
		this.#run?.dispose();
		if (this.#interval) clearInterval(this.#interval);
		if (this.#checkTimer) clearTimeout(this.#checkTimer);
		if (this.#saveTimer) clearTimeout(this.#saveTimer);
	}

	/** Stores now if anything changed since the last read or store (tests and pagehide). */
	async flush(): Promise<void> {
		if (this.#saveTimer) clearTimeout(this.#saveTimer);
		this.#saveTimer = null;
		const snapshot = this.#snapshot();
		const json = JSON.stringify(snapshot);
		if (json === this.#stored) return;
		const ok = await this.#store.save(snapshot);
		if (ok) this.#stored = json;
		else if (this.storing) {
			this.storing = false;
			this.notice ??=
				'This browser is not letting Cache Lab store anything, so your lesson progress will not be kept after a reload. Lessons still work.';
		}
	}

	// ---- Internals ----

	async #type(lines: readonly ScriptLine[]): Promise<void> {
		const token = ++this.#typingToken;
		const stopped = () => token !== this.#typingToken || this.view !== 'lesson';
		for (const line of lines) {
			this.typing = line.text;
			if (line.kind === 'console') {
				if (!(await this.#typeInto(line.text, stopped))) return;
				// Enter: the input empties as the line runs (it stays '', not null, so the console sees it).
				this.#session.typed = '';
				this.#session.submit(line.text);
			} else {
				await this.#wait(TYPE_INTERVAL_MS);
				if (stopped()) return;
				runScriptLine(this.#session.lab, line);
			}
			this.#evaluate();
		}
		if (token === this.#typingToken) this.typing = null;
	}

	/**
	 * A console line typed into the input a character at a time (whole, under reduced motion),
	 * then a pause before Enter so the learner sees what runs. False when typing was stopped.
	 */
	async #typeInto(text: string, stopped: () => boolean): Promise<boolean> {
		if (this.#reducedMotion()) this.#session.typed = text;
		else {
			const step = Math.min(CHAR_INTERVAL_MS, LINE_TYPING_MS / Math.max(1, text.length));
			for (let i = 1; i <= text.length; i++) {
				this.#session.typed = text.slice(0, i);
				await this.#wait(step);
				if (stopped()) return false;
			}
		}
		await this.#wait(TYPE_INTERVAL_MS);
		return !stopped();
	}

	#stopTyping(): void {
		this.#typingToken++;
		this.typing = null;
		if (this.#session.typed) this.#session.typed = '';
	}

	#changed(): void {
		if (this.view !== 'lesson' || !this.#run) return;
		this.#run.touch();
		if (this.#checkTimer) return;
		// After the reply has painted: a check may copy the engine.
		this.#checkTimer = setTimeout(() => {
			this.#checkTimer = null;
			this.#evaluate();
			this.#record();
		}, 0);
	}

	#recheck(): void {
		if (this.view !== 'lesson' || !this.#run || this.#run.isComplete) return;
		const now = this.#session.lab.clock.now();
		if (Math.floor(now / 1000) === Math.floor(this.#lastChecked / 1000)) return;
		this.#lastChecked = now;
		this.#run.touch();
		this.#evaluate();
	}

	#evaluate(): void {
		const run = this.#run;
		if (!run || this.view !== 'lesson') return;
		if (!run.evaluate()) return;
		this.met = [...run.met];
		if (run.isComplete && this.lesson && !this.progress.completed.includes(this.lesson.id)) {
			this.progress = {
				...this.progress,
				completed: [...this.progress.completed, this.lesson.id],
			};
			this.#reflect();
		}
		this.#record();
	}

	/** The open lesson's state into progress, stored shortly. */
	#record(): void {
		if (!this.lesson) return;
		if (this.view === 'lesson') {
			const met = this.met.flatMap((m, i) => (m ? [i] : []));
			this.progress = {
				...this.progress,
				view: 'lesson',
				open: { lesson: this.lesson.id, hints: this.hints, met, log: null },
			};
		}
		this.#reflect();
		this.#save();
	}

	#snapshot(): Progress {
		const open = this.progress.open;
		if (!open) return this.progress;
		const log = this.view === 'lesson' ? this.#session.lab.toLog() : this.#lessonLog;
		return { ...this.progress, open: { ...open, log } };
	}

	#save(): void {
		if (this.#saveTimer) return;
		this.#saveTimer = setTimeout(() => void this.flush(), SAVE_DEBOUNCE_MS);
	}
}

/** A stage action in the words of the stage's buttons ("Send request for user 456"). */
export function actionWords(a: StageAction): string {
	switch (a.kind) {
		case 'request':
			return `Send request for user ${a.userId}`;
		case 'update':
			return `Update user ${a.userId} in DB (${a.strategy})`;
		case 'link':
			return a.isDown ? 'Redis down' : 'Redis up';
		case 'restart':
			return 'Restart Redis';
		case 'advance':
			return `Advance the clock ${a.ms / 1000} s`;
		case 'step':
			return a.count === 1 ? 'Step scenario' : `Step scenario ${a.count} times`;
		case 'play':
			return 'Play scenario to its end';
	}
}

/** `02-expiry` → `Expiry` until the chapter's index.md is read. */
function titleOf(id: string): string {
	const words = id.replace(/^\d\d-/, '').replaceAll('-', ' ');
	return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Offers text as a file download. */
export function download(name: string, text: string): void {
	const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
	const a = document.createElement('a');
	a.href = url;
	a.download = name;
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function sameProgram(a: Program, b: Program): boolean {
	if (a.kind === 'sandbox' || b.kind === 'sandbox') return a.kind === b.kind;
	return a.id === b.id && [...a.fixes].sort().join() === [...b.fixes].sort().join();
}

/** How the lesson panel names a program: "the sandbox", "scenario 6, The classic stale set". */
export function programWords(p: Program): string {
	if (p.kind === 'sandbox') return 'the sandbox';
	const scenario = scenarioById(p.id);
	const fixes = p.fixes.map((id) => scenario.fixes.find((f) => f.id === id)?.label ?? id);
	const name = `scenario ${scenario.number}, ${scenario.title}`;
	return fixes.length > 0 ? `${name} (with: ${fixes.join(', ')})` : name;
}
