import { describe, expect, it } from 'vitest';
import { LessonError } from './lesson-types.ts';
import { parseLesson } from './parse-lesson.ts';
import { fixtureText } from './fixtures.test-util.ts';

const FILE = 'lessons/01-x/01-y.md';
const wrap = (front: string, body = '') =>
	`---\n${front}\n---\n${body}\n\n\`\`\`check\ngoal: g\n> GET k\nv\n\`\`\`\n\n\`\`\`redis solution\nSET k v\n\`\`\`\n`;
const FRONT = 'title: T\nteaches: [5]\npanels: [keyspace]';

function errorOf(text: string): LessonError {
	try {
		parseLesson(FILE, text);
	} catch (e) {
		if (e instanceof LessonError) return e;
		throw e;
	}
	throw new Error('parsed');
}

describe('parseLesson', () => {
	it('reads frontmatter, blocks in order, checks, hints and the solution', () => {
		const l = parseLesson('lessons/01-basics/01-ttl.md', fixtureText('01-ttl.md'));
		expect(l.id).toBe('01-basics/01-ttl');
		expect(l.title).toBe('A key can expire on its own');
		expect(l.teaches).toEqual([5, 7]);
		expect(l.panels).toEqual(['keyspace']);
		expect(l.seed).toBe(1);
		expect(l.summary).toBe('Give a cached profile a time to live.');
		expect(l.blocks.map((b) => b.kind)).toEqual(['prose', 'run', 'predict', 'prose']);
		expect(l.checks).toHaveLength(1);
		expect(l.checks[0]!.commands[0]!.expect).toEqual([{ kind: 'range', min: 1, max: 300 }]);
		expect(l.hints).toHaveLength(2);
		expect(l.hints[1]).toContain('<code>EXPIRE key seconds</code>');
		expect(l.solution.map((s) => s.text)).toEqual([
			`SET user:456:profile '{"name": "Alice"}'`,
			'EXPIRE user:456:profile 300',
		]);
		expect(l.predictions[0]!.choices).toEqual(['(integer) 300', '(integer) -1', '(integer) -2']);
	});

	it('shows raw HTML as text, never as markup', () => {
		const l = parseLesson('lessons/01-basics/01-ttl.md', fixtureText('01-ttl.md'));
		const first = l.blocks[0]!;
		expect(first.kind === 'prose' && first.html).toContain('&lt;b&gt;now&lt;/b&gt;');
		const evil = parseLesson(
			FILE,
			wrap(FRONT, '<script>alert(1)</script>\n\n[x](javascript:alert(1))'),
		);
		const html = evil.blocks.map((b) => (b.kind === 'prose' ? b.html : '')).join('');
		expect(html).not.toContain('<script');
		expect(html).not.toContain('javascript:');
	});

	it('reads stage actions and # expect error', () => {
		const l = parseLesson(
			FILE,
			wrap(
				FRONT,
				'```redis\n# expect error\nSET k "{"a": 1}"\n@request 456 60\n@update 456 db-only\n@redis-down\n@advance 10s\n```',
			),
		);
		const run = l.blocks.find((b) => b.kind === 'run');
		expect(run?.kind === 'run' && run.lines).toEqual([
			{ kind: 'console', text: 'SET k "{"a": 1}"', expectError: true, line: 8 },
			{
				kind: 'action',
				text: '@request 456 60',
				action: { kind: 'request', userId: 456, ttlSeconds: 60 },
				line: 9,
			},
			{
				kind: 'action',
				text: '@update 456 db-only',
				action: { kind: 'update', userId: 456, strategy: 'db-only' },
				line: 10,
			},
			{ kind: 'action', text: '@redis-down', action: { kind: 'link', isDown: true }, line: 11 },
			{ kind: 'action', text: '@advance 10s', action: { kind: 'advance', ms: 10_000 }, line: 12 },
		]);
	});

	it.each([
		['title: T\nteaches: [5]\npanels: [keyspace]\ncolour: red', 5, 'unknown key "colour"'],
		['teaches: [5]\npanels: [keyspace]', 1, 'needs a title'],
		['title: T\nteaches: [26]\npanels: [keyspace]', 3, '"26" is not an idea id'],
		['title: T\nteaches: [5]\npanels: [stage]', 4, 'unknown panel "stage"'],
		['title: T\nteaches: [5]\npanels: [keyspace]\nseed: x', 5, 'seed'],
		[`${FRONT}\nscenario: stale-sets`, 5, 'unknown scenario "stale-sets"'],
		[`${FRONT}\nscenario: stale-set\nfixes: [lease, leases]`, 6, 'has no fix "leases"'],
		[`${FRONT}\nfixes: [lease]`, 5, 'fixes: needs a scenario:'],
	])('names the file and line of a frontmatter error (%#)', (front, line, text) => {
		const e = errorOf(wrap(front));
		expect(e.message).toContain(`${FILE}:${line}:`);
		expect(e.message).toContain(text);
	});

	it('puts a scenario and its fixes on the world, stepped by @step and @play', () => {
		const body = '```redis\n@step\n@step 8\n@play\n```';
		const l = parseLesson(FILE, wrap(`${FRONT}\nscenario: stale-set\nfixes: [lease]`, body));
		expect(l.program).toEqual({ kind: 'scenario', id: 'stale-set', fixes: ['lease'] });
		const run = l.blocks.find((b) => b.kind === 'run');
		expect(run?.kind === 'run' && run.lines.map((x) => x.kind === 'action' && x.action)).toEqual([
			{ kind: 'step', count: 1 },
			{ kind: 'step', count: 8 },
			{ kind: 'play' },
		]);
		expect(parseLesson(FILE, wrap(FRONT)).program).toEqual({ kind: 'sandbox' });
		// A sandbox lesson has no scenario buttons to press, in a Run block or a prediction.
		expect(errorOf(wrap(FRONT, body)).message).toContain(
			`${FILE}:7: @step and @play need a scenario`,
		);
		const predict = '```predict\n@play\nchoices: hit | miss\nwhy: w\n```';
		expect(errorOf(wrap(FRONT, predict)).message).toContain(`${FILE}:7:`);
		expect(errorOf(wrap(FRONT, '```redis\n@step 0\n```')).message).toContain('from 1 to 100');
	});

	it('names the line inside a fence', () => {
		const e = errorOf(wrap(FRONT, 'Some prose.\n\nMore prose.\n\n```redis\nGET k\n@fly 3\n```'));
		expect(e.line).toBe(12);
		expect(e.message).toContain('unknown stage action "@fly"');
		const c = errorOf(
			`---\n${FRONT}\n---\n\n\`\`\`check\ngoal: g\n> GET k\n? wins > 1\n\`\`\`\n\`\`\`redis solution\nGET k\n\`\`\`\n`,
		);
		expect(c.message).toContain(`${FILE}:10:`);
		expect(c.message).toContain('unknown fact "wins"');
	});

	it('refuses a lesson with no goal or no solution', () => {
		expect(() => parseLesson(FILE, `---\n${FRONT}\n---\nHi.\n`)).toThrow(/at least one check/);
		expect(() =>
			parseLesson(FILE, `---\n${FRONT}\n---\n\`\`\`check\ngoal: g\n> GET k\nv\n\`\`\`\n`),
		).toThrow(/redis solution/);
	});

	it('counts prose words and not fenced blocks', () => {
		const l = parseLesson(
			FILE,
			wrap(FRONT, 'One two three.\n\n```redis\nSET a b c d e f\n```\n\nFour `five`.'),
		);
		expect(l.words).toBe(5);
	});
});
