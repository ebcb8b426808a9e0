import { describe, expect, it, vi } from 'vitest';
import { Lab } from '../lab/lab.ts';
import { meets, parseCheck } from './checks.ts';
import { evaluateChecks, grade, LessonRun, readFacts, runScriptLine } from './lesson-run.ts';
import { parseLesson } from './parse-lesson.ts';
import { fixtureText } from './fixtures.test-util.ts';

const ttlLesson = () => parseLesson('lessons/01-basics/01-ttl.md', fixtureText('01-ttl.md'));
const hitLesson = () => parseLesson('lessons/01-basics/02-hit.md', fixtureText('02-hit.md'));

describe('meets', () => {
	it('reads exact lines, contains, absent, regex and integer ranges', () => {
		const check = parseCheck('goal: g\n> X\n(integer) 42\n~ integer\n! -1\n/\\d+/\n# 1..100', 1);
		expect(meets('(integer) 42\n', check.commands[0]!.expect)).toBe(true);
		expect(meets('(integer) 420\n', check.commands[0]!.expect)).toBe(false);
		expect(meets('(integer) -1\n', check.commands[0]!.expect)).toBe(false);
		const range = parseCheck('goal: g\n> X\n# 1..300', 1).commands[0]!.expect;
		expect(meets('(integer) 300\n', range)).toBe(true);
		expect(meets('(integer) 301\n', range)).toBe(false);
		expect(meets('"300"\n', range)).toBe(false);
	});
});

describe('checks on the Lab', () => {
	it('run on a copy: no hit is counted and no LRU clock moves on the real engine', () => {
		const lab = new Lab();
		lab.submit('SET k v');
		const before = lab.engine.exec(['INFO', 'stats']);
		const check = parseCheck('goal: g\n> GET k\n"v"\n> OBJECT IDLETIME k\n~ (integer)', 1);
		lab.advance(5000);
		expect(evaluateChecks(lab, [check])).toEqual([true]);
		const after = lab.engine.exec(['INFO', 'stats']);
		const hits = (r: typeof before) => /keyspace_hits:(\d+)/.exec(String(r.value))![1];
		expect(hits(after)).toBe(hits(before));
		expect(lab.engine.exec(['OBJECT', 'IDLETIME', 'k'])).toEqual({ type: 'integer', value: 5 });
	});

	it('reads facts from the monitor, the database and the Lab without changing them', () => {
		const lab = new Lab();
		const request = {
			kind: 'action',
			text: '@request 456',
			line: 1,
			action: { kind: 'request', userId: 456, ttlSeconds: 300 },
		} as const;
		runScriptLine(lab, request);
		runScriptLine(lab, request);
		const facts = readFacts(lab);
		expect(facts).toMatchObject({
			hits: 1,
			misses: 1,
			dbLoads: 1,
			requests: 2,
			lastReadSource: 'cache',
			lastReadStale: 0,
			restarts: 0,
		});
		expect(readFacts(lab)).toEqual(facts);
	});

	it('answers plain reads in place, copying the engine only for what peek cannot answer', () => {
		const lab = new Lab();
		lab.submit('DEBUG POPULATE 2000 key 20');
		lab.submit('SET k v EX 100');
		const fork = vi.spyOn(lab.engine, 'fork');
		const reads = parseCheck(
			'goal: g\n> INFO stats\n~ keyspace_hits:0\n> GET k\n"v"\n> TTL k\n# 1..100\n> DBSIZE\n(integer) 2001',
			1,
		);
		expect(evaluateChecks(lab, [reads])).toEqual([true]);
		expect(fork).not.toHaveBeenCalled();
		// A check's own GET counts no hit, not even for the INFO after it.
		const after = parseCheck('goal: g\n> GET k\n"v"\n> INFO stats\n~ keyspace_hits:0', 1);
		expect(evaluateChecks(lab, [after])).toEqual([true]);
		expect(fork).not.toHaveBeenCalled();
		const other = parseCheck('goal: g\n> OBJECT ENCODING k\n"embstr"', 1);
		expect(evaluateChecks(lab, [other])).toEqual([true]);
		expect(fork).toHaveBeenCalledTimes(1);
		expect(lab.engine.exec(['INFO', 'stats']).value).toContain('keyspace_hits:0');
	});

	it("a lesson's goals fail after its setup and pass after its solution", () => {
		for (const lesson of [ttlLesson(), hitLesson()]) {
			const lab = new Lab();
			const run = new LessonRun(lab, lesson);
			expect(evaluateChecks(lab, lesson.checks).some(Boolean)).toBe(false);
			expect(run.evaluate()).toBe(false);
			for (const line of lesson.solution) runScriptLine(lab, line);
			expect(evaluateChecks(lab, lesson.checks).every(Boolean)).toBe(true);
			expect(run.evaluate()).toBe(true);
			expect(run.isComplete).toBe(true);
		}
	});

	it('keeps a met goal met, costs nothing when nothing changed, and starts over on restart', () => {
		const lab = new Lab();
		const run = new LessonRun(lab, ttlLesson());
		lab.submit('SET user:456:profile x EX 100');
		expect(run.evaluate()).toBe(true);
		expect(run.met).toEqual([true]);
		expect(run.evaluate()).toBe(false);
		lab.submit('PERSIST user:456:profile');
		run.evaluate();
		expect(run.met).toEqual([true]);
		run.restart();
		expect(run.met).toEqual([false]);
		expect(lab.engine.exec(['EXISTS', 'user:456:profile'])).toEqual({ type: 'integer', value: 0 });
		expect(lab.items).toEqual([]);
	});

	it("resets the Lab to the lesson's seed and replays its setup silently", () => {
		const lab = new Lab({ seed: 3 });
		lab.submit('SET junk 1');
		new LessonRun(lab, hitLesson());
		expect(lab.seed).toBe(7);
		expect(lab.engine.exec(['DBSIZE'])).toEqual({ type: 'integer', value: 0 });
		expect(lab.inputs.map((i) => i.kind === 'line' && i.line)).toEqual(['FLUSHALL']);
		expect(lab.items).toEqual([]);
	});
});

describe('predictions', () => {
	it('are graded by what the command prints on a copy, and the copy is thrown away', () => {
		const lab = new Lab();
		const lesson = ttlLesson();
		const run = new LessonRun(lab, lesson);
		lab.submit(`SET user:456:profile '{"name": "Alice"}'`);
		const wrong = run.grade(0, '(integer) 300');
		expect(wrong).toEqual({
			choice: '(integer) 300',
			right: false,
			happened: 'printed (integer) -1',
			why: lesson.predictions[0]!.why,
		});
		lab.submit('EXPIRE user:456:profile 300');
		expect(run.grade(0, '(integer) 300').right).toBe(true);
		expect(run.grade(0, '(integer) -1').right).toBe(false);
	});

	it('about a request: hit or miss, on a copy of the world', () => {
		const lab = new Lab();
		const lesson = hitLesson();
		new LessonRun(lab, lesson);
		const p = lesson.predictions[0]!;
		expect(grade(lab, p, 'miss')).toMatchObject({ right: true, happened: 'was a miss' });
		expect(readFacts(lab).requests).toBe(0);
		runScriptLine(lab, lesson.solution[0]!);
		expect(grade(lab, p, 'miss')).toMatchObject({ right: false, happened: 'was a hit' });
		expect(readFacts(lab).requests).toBe(1);
	});

	it('about eviction: graded by the key the engine evicts', () => {
		const lab = new Lab();
		for (const l of [
			'CONFIG SET maxmemory-policy allkeys-lru',
			'SET a 1',
			'SET b 2',
			'SET c 3',
			'GET a',
			'GET c',
		])
			lab.submit(l);
		lab.advance(10_000);
		lab.submit('GET a');
		lab.submit('GET c');
		const used = Number(
			/used_memory:(\d+)/.exec(String(lab.engine.exec(['INFO', 'memory']).value))![1],
		);
		lab.submit(`CONFIG SET maxmemory ${used + 40}`);
		// Over the limit now; Redis evicts before it runs the next write.
		lab.submit('SET d ' + 'x'.repeat(100));
		const p = {
			about: { kind: 'command', command: 'SET e 1' },
			choices: ['a', 'b', 'c'],
			why: 'b was used least recently.',
			line: 1,
		} as const;
		expect(grade(lab, p, 'b')).toMatchObject({ right: true, happened: 'evicted b, a, c' });
		expect(grade(lab, p, 'a').right).toBe(false);
		expect(
			lab.engine
				.inspect()
				.keys.map((k) => k.name)
				.sort(),
		).toEqual(['a', 'b', 'c', 'd']);
	});
});

describe('a lesson on a scenario', () => {
	const front = 'title: T\nteaches: [22]\npanels: [flow]\nscenario: stale-set';
	const lesson = (fixes = '') =>
		parseLesson(
			'lessons/05-x/05-y.md',
			`---\n${front}${fixes}\n---\n\`\`\`redis setup\n@step 8\n\`\`\`\n\n` +
				'```predict\n@play\nchoices: hit | miss\nwhy: w\n```\n\n' +
				'```check\ngoal: g\n? staleReads >= 1\n```\n\n```redis solution\n@play\n```\n',
		);

	it('starts the scenario on the Lab; @step presses Step scenario, @play runs it out', () => {
		const lab = new Lab();
		const run = new LessonRun(lab, lesson());
		expect(lab.program).toEqual({ kind: 'scenario', id: 'stale-set', fixes: [] });
		expect(lab.scenario?.position).toBe(8);
		expect(run.evaluate()).toBe(false);
		runScriptLine(lab, { kind: 'action', text: '@play', line: 1, action: { kind: 'play' } });
		expect(lab.isScenarioFinished).toBe(true);
		expect(run.evaluate()).toBe(true);
		run.restart();
		expect(lab.scenario?.position).toBe(8);
		expect(lab.inputs.filter((i) => i.kind === 'step')).toHaveLength(8);
	});

	it('grades a prediction about the scenario on a copy, by the next read it finishes', () => {
		const lab = new Lab();
		const plain = new LessonRun(lab, lesson());
		expect(plain.grade(0, 'hit')).toMatchObject({ right: true, happened: expect.any(String) });
		expect(lab.scenario?.position).toBe(8);
		const leased = new LessonRun(lab, lesson('\nfixes: [lease]'));
		expect(leased.grade(0, 'hit').right).toBe(false);
		expect(leased.grade(0, 'miss').right).toBe(true);
		expect(lab.world.monitor.report().reads).toHaveLength(1);
	});
});
