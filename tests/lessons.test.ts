// Every lesson under lessons/ replayed on a fresh Lab: it parses, its goals all fail after its
// setup and all pass after its solution, every Run block runs without an error unless the lesson
// marks the line `# expect error` (then it must fail), every prediction is answered by one of its
// choices when the learner reaches it by the Run blocks, the prose stays short, and together the
// lessons teach every idea listed in lessons/README.md.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entryText } from '../src/console/line-text.ts';
import { Lab } from '../src/lab/lab.ts';
import {
	evaluateChecks,
	outcomeOf,
	runScriptLine,
	startLesson,
} from '../src/lessons/lesson-run.ts';
import type { Lesson, ScriptLine } from '../src/lessons/lesson-types.ts';
import { parseChapterTitle, parseLesson } from '../src/lessons/parse-lesson.ts';
import { matchingChoice } from '../src/lessons/predict.ts';

const ROOT = join(import.meta.dirname, '..', 'lessons');
const MAX_WORDS = 400;
const IDEAS = 25;

const chapters = readdirSync(ROOT, { withFileTypes: true })
	.filter((d) => d.isDirectory() && /^\d\d-/.test(d.name))
	.map((d) => d.name)
	.sort();
const files = chapters.flatMap((c) =>
	readdirSync(join(ROOT, c))
		.filter((f) => /^\d\d-.*\.md$/.test(f))
		.sort()
		.map((f) => `lessons/${c}/${f}`),
);
const read = (file: string) => readFileSync(join(ROOT, '..', file), 'utf8');

/** Whether the line the Lab just ran failed (an error reply, a line that did not split…). */
function lastFailed(lab: Lab, before: number): string | null {
	const item = lab.items.at(-1);
	if (!item || lab.items.length === before) return null;
	const text = entryText(item.entry);
	return text.tone === 'error' || text.tone === 'invalid' ? text.output : null;
}

function play(lab: Lab, lines: readonly ScriptLine[], where: string): void {
	for (const line of lines) {
		const before = lab.items.length;
		runScriptLine(lab, line);
		if (line.kind !== 'console') continue;
		const failed = lastFailed(lab, before);
		const at = `${where}:${line.line} ${line.text}`;
		if (line.expectError)
			expect(failed, `${at} is marked # expect error but did not fail`).not.toBeNull();
		else expect(failed, `${at} failed`).toBeNull();
	}
}

describe('lesson files', () => {
	it('every chapter has an index.md with a title', () => {
		for (const c of chapters)
			expect(parseChapterTitle(`lessons/${c}/index.md`, read(`lessons/${c}/index.md`))).not.toBe(
				'',
			);
	});

	describe.each(files)('%s', (file) => {
		let lesson: Lesson;
		it('parses, with at most 400 words of prose', () => {
			lesson = parseLesson(file, read(file));
			expect(lesson.words, `${file} has ${lesson.words} words of prose`).toBeLessThanOrEqual(
				MAX_WORDS,
			);
		});

		it('fails every goal after its setup and passes every goal after its solution', () => {
			const lab = new Lab();
			startLesson(lab, lesson);
			const before = evaluateChecks(lab, lesson.checks);
			lesson.checks.forEach((c, i) =>
				expect(before[i], `${file}:${c.line} "${c.goal}" passes before the learner acts`).toBe(
					false,
				),
			);
			play(lab, lesson.solution, file);
			const after = evaluateChecks(lab, lesson.checks);
			lesson.checks.forEach((c, i) =>
				expect(after[i], `${file}:${c.line} "${c.goal}" fails after the solution`).toBe(true),
			);
		});

		it('runs every Run block without an error unless the line expects one', () => {
			const lab = new Lab();
			startLesson(lab, lesson);
			for (const block of lesson.blocks) if (block.kind === 'run') play(lab, block.lines, file);
		});

		it('answers every prediction with one of its choices, reached by the Run blocks before it', () => {
			const lab = new Lab();
			startLesson(lab, lesson);
			for (const block of lesson.blocks) {
				if (block.kind === 'run') play(lab, block.lines, file);
				if (block.kind !== 'predict') continue;
				const p = lesson.predictions[block.index]!;
				const outcome = outcomeOf(lab, p);
				expect(
					matchingChoice(p.choices, outcome),
					`${file}:${p.line} happened "${outcome.printed}" (evicted ${outcome.evicted.join(' ') || 'nothing'}), none of ${p.choices.join(' | ')}`,
				).not.toBeNull();
			}
		});
	});

	it(`together teach every one of the ${IDEAS} ideas`, () => {
		const taught = new Set(files.flatMap((f) => parseLesson(f, read(f)).teaches));
		const missing = Array.from({ length: IDEAS }, (_, i) => i + 1).filter((n) => !taught.has(n));
		expect(missing, `ideas no lesson teaches: ${missing.join(', ')}`).toEqual([]);
	});
});
