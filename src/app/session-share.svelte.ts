// Sharing a session: Copy link (the log in the URL fragment), Export session (a JSON file),
// Import session (a file picked or dropped on the page) and opening the page from a link. Every
// way in goes through the same validation and the same replay; a bad one leaves a clean sandbox
// and one sentence saying what was wrong.
import type { LabLog, LessonMark } from '../lab/lab-log.ts';
import type { FlowStage } from './flow-stage.svelte.ts';
import { checkReplay } from './replay-check.ts';
import type { Session } from './session.svelte.ts';
import {
	hasLink,
	linkFor,
	openLink,
	readSessionJson,
	sessionJson,
	type Opened,
} from './session-file.ts';

/** Where a shared lesson opens (the lesson gate): false when there is no such lesson. */
export interface SharedLessons {
	openShared(mark: LessonMark, log: LabLog): Promise<boolean>;
}

export class SessionShare {
	/** The latest outcome in words (copied, imported, refused); null when there is nothing to say. */
	message: string | null = $state(null);
	readonly #session: Session;
	readonly #stage: FlowStage;
	readonly #lessons: SharedLessons | null;

	constructor(session: Session, stage: FlowStage, lessons: SharedLessons | null = null) {
		this.#session = session;
		this.#stage = stage;
		this.#lessons = lessons;
	}

	/** Opens the session in the page's fragment; false when there is none. */
	async openFromLocation(location: Location, history: History): Promise<boolean> {
		if (!hasLink(location.hash)) return false;
		const opened = await openLink(location.hash);
		// The fragment has done its job: a reload now shows the session as it goes on.
		history.replaceState(null, '', location.pathname + location.search);
		await this.#open(opened, 'This link');
		return true;
	}

	async copyLink(clipboard: Clipboard, base: string): Promise<void> {
		const link = await linkFor(this.#current(), base);
		try {
			await clipboard.writeText(link);
			this.message = 'Link copied: whoever opens it sees this session, replayed.';
		} catch {
			this.message = 'The browser did not let Cache Lab use the clipboard.';
		}
	}

	/** The session as a file download. */
	exportFile(document: Document): void {
		const blob = new Blob([sessionJson(this.#current())], { type: 'application/json' });
		const url = URL.createObjectURL(blob);
		const a = document.createElement('a');
		a.href = url;
		a.download = 'cachelab-session.json';
		a.click();
		setTimeout(() => URL.revokeObjectURL(url), 1000);
	}

	async importFile(file: File): Promise<void> {
		if (file.size > 2_000_000) {
			this.message = 'That file could not be opened: it is too large to be a session.';
			return;
		}
		await this.#open(await readSessionJson(await file.text()), 'That file');
	}

	#current() {
		return this.#session.shareLog();
	}

	async #open(opened: Opened, what: string): Promise<void> {
		if ('log' in opened) {
			const check = await checkReplay(opened.log);
			if (!check.ok) return this.#problem(what, check.problem);
			await this.#session.ready();
			try {
				const { lesson, ...world } = opened.log;
				// A lesson's world opens in the lesson, a clean sandbox kept behind it; a lesson this
				// version does not have opens its world as the sandbox.
				if (lesson && this.#lessons) {
					this.#stage.open({ ...world, program: { kind: 'sandbox' }, inputs: [] });
					if (await this.#lessons.openShared(lesson, world)) {
						this.message = null;
						return;
					}
				}
				this.#stage.open(world);
				this.message = null;
				return;
			} catch {
				this.#problem(what, 'it could not be replayed');
				return;
			}
		}
		this.#problem(what, opened.problem);
	}

	#problem(what: string, problem: string): void {
		this.#stage.open({ ...this.#session.lab.toLog(), program: { kind: 'sandbox' }, inputs: [] });
		this.#session.reset();
		this.message = `${what} could not be opened (${problem}), so this is a clean sandbox.`;
	}
}
