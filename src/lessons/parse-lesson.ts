// One lesson file into a Lesson: flat frontmatter, then marked's lexer over the body. Fences are
// told apart by their info string; everything else is prose. Every error names the file and line.
import { Lexer, type Token, type Tokens } from 'marked';
import { SANDBOX, type Program } from '../lab/lab-log.ts';
import { SCENARIO_FIXES } from '../lab/scenario-program.ts';
import { parseCheck } from './checks.ts';
import {
	LessonError,
	PANELS,
	type Block,
	type Check,
	type Lesson,
	type Panel,
	type Prediction,
	type ScriptLine,
	isScenarioAction,
} from './lesson-types.ts';
import { parsePrediction } from './predict.ts';
import { countWords, renderTokens } from './prose.ts';
import { parseScript } from './script-lines.ts';

const KEYS = ['title', 'teaches', 'panels', 'seed', 'scenario', 'fixes', 'summary'] as const;
type Key = (typeof KEYS)[number];

interface Frontmatter {
	readonly fields: Partial<Record<Key, { value: string; line: number }>>;
	/** Lines of the frontmatter, fences included: the body starts after them. */
	readonly lines: number;
}

/** Reads `---` … `---` of flat `key: value` lines; `allowed` are the keys this kind of file has. */
export function readFrontmatter(
	file: string,
	text: string,
	allowed: readonly string[],
): Frontmatter {
	const lines = text.split('\n');
	if (lines[0]?.trim() !== '---')
		throw new LessonError(file, 1, 'the file must start with --- (frontmatter)');
	const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
	if (end < 0) throw new LessonError(file, 1, 'the frontmatter has no closing ---');
	const fields: Frontmatter['fields'] & Record<string, { value: string; line: number }> = {};
	for (let i = 1; i < end; i++) {
		const raw = lines[i]!;
		if (raw.trim() === '') continue;
		const m = /^([A-Za-z]+):\s*(.*)$/.exec(raw);
		if (!m) throw new LessonError(file, i + 1, `expected "key: value", not "${raw}"`);
		const key = m[1]!;
		if (!allowed.includes(key))
			throw new LessonError(file, i + 1, `unknown key "${key}" (known: ${allowed.join(', ')})`);
		if (fields[key]) throw new LessonError(file, i + 1, `"${key}" is given twice`);
		fields[key] = { value: m[2]!.trim(), line: i + 1 };
	}
	return { fields, lines: end + 1 };
}

function list(file: string, f: { value: string; line: number }): string[] {
	const m = /^\[(.*)\]$/.exec(f.value);
	const inner = m ? m[1]! : f.value;
	return inner
		.split(',')
		.map((s) => s.trim())
		.filter((s) => s !== '');
}

/** `scenario:` (an id of the flow stage's scenarios) and its `fixes:`, or the sandbox. */
function programOf(file: string, fields: Frontmatter['fields']): Program {
	const { scenario: id, fixes } = fields;
	if (!id) {
		if (fixes) throw new LessonError(file, fixes.line, 'fixes: needs a scenario:');
		return SANDBOX;
	}
	const known = SCENARIO_FIXES.get(id.value);
	if (!known)
		throw new LessonError(
			file,
			id.line,
			`unknown scenario "${id.value}" (${[...SCENARIO_FIXES.keys()].join(', ')})`,
		);
	const on = fixes ? list(file, fixes) : [];
	for (const f of on)
		if (!known.includes(f))
			throw new LessonError(
				file,
				fixes!.line,
				`scenario "${id.value}" has no fix "${f}" (${known.join(', ') || 'it has none'})`,
			);
	return { kind: 'scenario', id: id.value, fixes: on };
}

export function parseLesson(file: string, source: string): Lesson {
	const text = source.replace(/\r\n?/g, '\n');
	const { fields, lines } = readFrontmatter(file, text, KEYS);
	const title = fields.title?.value;
	if (!title) throw new LessonError(file, 1, 'the frontmatter needs a title:');
	if (!fields.teaches)
		throw new LessonError(file, 1, 'the frontmatter needs teaches: (idea ids, e.g. [5, 7])');
	const teaches = list(file, fields.teaches).map((s) => {
		const n = Number(s);
		if (!Number.isInteger(n) || n < 1 || n > 25)
			throw new LessonError(file, fields.teaches!.line, `"${s}" is not an idea id from 1 to 25`);
		return n;
	});
	if (!fields.panels)
		throw new LessonError(file, 1, `the frontmatter needs panels: (any of ${PANELS.join(', ')})`);
	const panels = list(file, fields.panels).map((s) => {
		if (!PANELS.includes(s as Panel))
			throw new LessonError(
				file,
				fields.panels!.line,
				`unknown panel "${s}" (${PANELS.join(', ')})`,
			);
		return s as Panel;
	});
	let seed = 1;
	if (fields.seed) {
		seed = Number(fields.seed.value);
		if (!Number.isSafeInteger(seed))
			throw new LessonError(file, fields.seed.line, 'seed: must be an integer');
	}
	const program = programOf(file, fields);

	const blocks: Block[] = [];
	const setup: ScriptLine[] = [];
	const solution: ScriptLine[] = [];
	const checks: Check[] = [];
	const predictions: Prediction[] = [];
	const hints: string[] = [];
	let prose: Token[] = [];
	let words = 0;
	const flush = () => {
		if (prose.length === 0) return;
		words += countWords(prose);
		const html = renderTokens(prose);
		if (html.trim() !== '') blocks.push({ kind: 'prose', html });
		prose = [];
	};

	const tokens = new Lexer({ gfm: true }).lex(text.split('\n').slice(lines).join('\n'));
	let line = lines + 1;
	for (const token of tokens) {
		const at = line;
		line += (token.raw.match(/\n/g) ?? []).length;
		if (token.type !== 'code') {
			prose.push(token);
			continue;
		}
		const code = token as Tokens.Code;
		const info = (code.lang ?? '').trim().replace(/\s+/g, ' ');
		if (info === '' || code.codeBlockStyle === 'indented') {
			prose.push(token);
			continue;
		}
		flush();
		const first = at + 1;
		try {
			switch (info) {
				case 'redis setup':
					setup.push(...parseScript(code.text, first));
					break;
				case 'redis solution':
					solution.push(...parseScript(code.text, first));
					break;
				case 'redis':
					blocks.push({ kind: 'run', lines: parseScript(code.text, first) });
					break;
				case 'check':
					checks.push(parseCheck(code.text, first));
					break;
				case 'predict':
					predictions.push(parsePrediction(code.text, first));
					blocks.push({ kind: 'predict', index: predictions.length - 1 });
					break;
				case 'hint':
					hints.push(renderTokens(new Lexer({ gfm: true }).lex(code.text)));
					break;
				default:
					// Any other language is an example to read, shown as code.
					prose.push(token);
			}
		} catch (e) {
			if (Array.isArray(e)) throw new LessonError(file, e[0] as number, e[1] as string);
			throw e;
		}
	}
	flush();
	if (checks.length === 0)
		throw new LessonError(file, lines + 1, 'a lesson needs at least one check (a goal)');
	if (solution.length === 0)
		throw new LessonError(file, lines + 1, 'a lesson needs a redis solution block');
	if (hints.length > 3) throw new LessonError(file, lines + 1, 'a lesson has at most three hints');
	if (program.kind === 'sandbox') {
		// Step scenario and Play scenario press the scenario's buttons: a sandbox lesson has none.
		const lines = [
			...setup,
			...solution,
			...blocks.flatMap((b) => (b.kind === 'run' ? b.lines : [])),
		];
		const stepping = lines.find((l) => l.kind === 'action' && isScenarioAction(l.action));
		const predicted = predictions.find(
			(p) => p.about.kind === 'action' && isScenarioAction(p.about.action),
		);
		const at = stepping?.line ?? predicted?.line;
		if (at !== undefined)
			throw new LessonError(file, at, '@step and @play need a scenario: in the frontmatter');
	}
	return {
		id: lessonId(file),
		file,
		title,
		teaches,
		panels,
		seed,
		program,
		summary: fields.summary?.value ?? null,
		blocks,
		setup,
		solution,
		checks,
		predictions,
		hints,
		words,
	};
}

/** A chapter's index.md: its title. */
export function parseChapterTitle(file: string, source: string): string {
	const { fields } = readFrontmatter(file, source.replace(/\r\n?/g, '\n'), ['title']);
	const title = (fields as Record<string, { value: string } | undefined>).title?.value;
	if (!title) throw new LessonError(file, 1, 'a chapter index needs a title:');
	return title;
}

/** `lessons/01-why/02-hit.md` → `01-why/02-hit`. */
export function lessonId(file: string): string {
	return file.replace(/^\/?lessons\//, '').replace(/\.md$/, '');
}
