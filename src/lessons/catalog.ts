// The course: chapters and lessons found under /lessons, loaded a chapter at a time when a lesson
// of it opens (lesson text is never part of the first download), parsed once and kept.
import type { Lesson } from './lesson-types.ts';
import { lessonId, parseChapterTitle, parseLesson } from './parse-lesson.ts';

export type Loader = () => Promise<string>;

/** File path (`/lessons/01-why/02-hit.md`) → its text, on demand. */
export type Sources = Readonly<Record<string, Loader>>;

export interface ChapterEntry {
	readonly id: string;
	readonly lessonIds: readonly string[];
}

export interface Chapter {
	readonly id: string;
	readonly title: string;
	readonly lessons: readonly Lesson[];
}

const FILE = /^\/?lessons\/(\d\d-[^/]+)\/([^/]+)\.md$/;

export class Catalog {
	readonly chapters: readonly ChapterEntry[];
	readonly #sources: Sources;
	readonly #loaded = new Map<string, Promise<Chapter>>();

	constructor(sources: Sources) {
		this.#sources = sources;
		const byChapter = new Map<string, string[]>();
		for (const path of Object.keys(sources).sort()) {
			const m = FILE.exec(path);
			if (!m) continue;
			const list = byChapter.get(m[1]!) ?? [];
			if (/^\d\d-/.test(m[2]!)) list.push(lessonId(path));
			byChapter.set(m[1]!, list);
		}
		this.chapters = [...byChapter]
			.filter(([, ids]) => ids.length > 0)
			.map(([id, lessonIds]) => ({ id, lessonIds }));
	}

	/** Every lesson id, in course order. */
	get lessonIds(): readonly string[] {
		return this.chapters.flatMap((c) => c.lessonIds);
	}

	chapterOf(lessonId: string): ChapterEntry | undefined {
		return this.chapters.find((c) => c.lessonIds.includes(lessonId));
	}

	/** Loads and parses a chapter's files (once). A broken file rejects with its file and line. */
	chapter(id: string): Promise<Chapter> {
		let p = this.#loaded.get(id);
		if (!p) {
			p = this.#load(id);
			this.#loaded.set(id, p);
			p.catch(() => this.#loaded.delete(id));
		}
		return p;
	}

	async lesson(id: string): Promise<Lesson | null> {
		const entry = this.chapterOf(id);
		if (!entry) return null;
		const chapter = await this.chapter(entry.id);
		return chapter.lessons.find((l) => l.id === id) ?? null;
	}

	async #load(id: string): Promise<Chapter> {
		const entry = this.chapters.find((c) => c.id === id);
		if (!entry) throw new Error(`no chapter ${id}`);
		const indexPath = this.#path(`${id}/index`);
		const title = indexPath
			? parseChapterTitle(indexPath.slice(1), await this.#sources[indexPath]!())
			: id.replace(/^\d\d-/, '').replaceAll('-', ' ');
		const lessons = await Promise.all(
			entry.lessonIds.map(async (lid) => {
				const path = this.#path(lid)!;
				return parseLesson(path.replace(/^\//, ''), await this.#sources[path]!());
			}),
		);
		return { id, title, lessons };
	}

	#path(id: string): string | undefined {
		return [`/lessons/${id}.md`, `lessons/${id}.md`].find((p) => p in this.#sources);
	}
}

/** The course as the page finds it: Vite turns this into one small loader per file. */
export function bundledCatalog(): Catalog {
	return new Catalog(
		import.meta.glob('/lessons/*/*.md', { query: '?raw', import: 'default' }) as Sources,
	);
}
