// Goals: a `check` fence parsed into commands with expectations on what redis-cli prints, and
// facts about the world beyond Redis. A check never touches an LRU clock or counts a hit: plain
// reads are answered in place by the engine's peek, anything else on a copy of the engine; facts
// read counters without changing them.
import type { Engine, Reply } from '../engine/index.ts';
import { INITIAL_STATE, runLine, type ConsoleState } from '../console/session.ts';
import {
	FACTS,
	type Check,
	type CheckCommand,
	type Expectation,
	type Fact,
	type FactName,
	type Op,
} from './lesson-types.ts';

export type FactValues = Readonly<Record<FactName, number | string>>;

/** Parses a check fence; `first` is the file line of its first line. Throws `[line, problem]`. */
export function parseCheck(text: string, first: number): Check {
	let goal: string | null = null;
	const commands: { command: string; expect: Expectation[]; line: number }[] = [];
	const facts: Fact[] = [];
	text.split('\n').forEach((raw, i) => {
		const line = first + i;
		const t = raw.trim();
		if (t === '') return;
		if (t.startsWith('goal:')) {
			if (goal !== null) throw [line, 'a check has one goal: line (one goal per fence)'];
			goal = t.slice(5).trim();
			return;
		}
		if (t.startsWith('>')) {
			commands.push({ command: t.slice(1).trim(), expect: [], line });
			return;
		}
		if (t.startsWith('?')) {
			facts.push(parseFact(t.slice(1).trim(), line));
			return;
		}
		const last = commands.at(-1);
		if (!last) throw [line, `expected "goal:", "> command" or "? fact", not "${t}"`];
		last.expect.push(parseExpectation(raw.replace(/\s+$/, ''), line));
	});
	if (goal === null || goal === '') throw [first, 'a check needs a goal: line'];
	if (commands.length === 0 && facts.length === 0)
		throw [first, 'a check needs a "> command" or a "? fact"'];
	for (const c of commands)
		if (c.expect.length === 0) throw [c.line, `"> ${c.command}" has no expectation under it`];
	return { goal, commands, facts, line: first };
}

function parseExpectation(raw: string, line: number): Expectation {
	if (raw.startsWith('~ ')) return { kind: 'contains', text: raw.slice(2) };
	if (raw.startsWith('! ')) return { kind: 'absent', text: raw.slice(2) };
	const range = /^# (-?\d+)\.\.(-?\d+)$/.exec(raw);
	if (range) return { kind: 'range', min: Number(range[1]), max: Number(range[2]) };
	if (raw.startsWith('#')) throw [line, 'a range is written "# n..m", e.g. "# 1..300"'];
	if (raw.length > 2 && raw.startsWith('/') && raw.endsWith('/')) {
		try {
			return { kind: 'regex', pattern: new RegExp(raw.slice(1, -1)) };
		} catch {
			throw [line, `not a valid regular expression: ${raw}`];
		}
	}
	return { kind: 'exact', text: raw };
}

function parseFact(text: string, line: number): Fact {
	const m = /^(\w+)\s*(==|!=|>=|<=|>|<)\s*(\S+)$/.exec(text);
	if (!m) throw [line, `a fact is written "? name op value", e.g. "? hits >= 1", not "? ${text}"`];
	const name = m[1] as FactName;
	if (!FACTS.includes(name)) throw [line, `unknown fact "${name}" (${FACTS.join(', ')})`];
	const op = m[2] as Op;
	const raw = m[3]!;
	if (name === 'lastReadSource') {
		if (raw !== 'cache' && raw !== 'db')
			throw [line, 'lastReadSource is compared with cache or db'];
		if (op !== '==' && op !== '!=') throw [line, 'lastReadSource is compared with == or !='];
		return { name, op, value: raw, line };
	}
	const value = Number(raw);
	if (!Number.isFinite(value)) throw [line, `"${raw}" is not a number`];
	return { name, op, value, line };
}

/** Whether one command's output meets its expectations. */
export function meets(output: string, expect: readonly Expectation[]): boolean {
	const lines = output.replace(/\n$/, '').split('\n');
	return expect.every((e) => {
		switch (e.kind) {
			case 'exact':
				return lines.includes(e.text);
			case 'contains':
				return output.includes(e.text);
			case 'absent':
				return !output.includes(e.text);
			case 'regex':
				return e.pattern.test(output);
			case 'range': {
				const m = /^\(integer\) (-?\d+)$/.exec(lines[0] ?? '');
				return m !== null && lines.length === 1 && Number(m[1]) >= e.min && Number(m[1]) <= e.max;
			}
		}
	});
}

export function compare(actual: number | string, op: Op, expected: number | string): boolean {
	switch (op) {
		case '==':
			return actual === expected;
		case '!=':
			return actual !== expected;
		case '>=':
			return actual >= expected;
		case '<=':
			return actual <= expected;
		case '>':
			return actual > expected;
		case '<':
			return actual < expected;
	}
}

/** What redis-cli prints for a line run on `engine` (a copy: the caller forks). */
export function outputOn(
	engine: Engine,
	command: string,
	state: ConsoleState = INITIAL_STATE,
): string {
	return runLine(command, (argv) => engine.exec(argv), state).output;
}

/** Thrown out of a peeked line when only running the command on a copy would answer it. */
const NEEDS_COPY = Symbol('needs a copy');

/**
 * Every command of a check answered by `engine.peek` (nothing copied, nothing touched), or null
 * when one needs a copy: a command peek does not answer, or a key past its TTL. A check reads the
 * world as the learner left it: its own reads count no hit, not even for an INFO after them.
 */
export function peekOutputs(engine: Engine, check: Check): string[] | null {
	const exec = (argv: readonly string[]): Reply => {
		const reply = engine.peek(argv);
		if (reply === null) throw NEEDS_COPY;
		return reply;
	};
	try {
		return check.commands.map((c) => runLine(c.command, exec, INITIAL_STATE).output);
	} catch (e) {
		if (e === NEEDS_COPY) return null;
		throw e;
	}
}

/**
 * Whether a check passes: every fact, then every command — read in place through `live.peek`
 * when it can answer them all, else on `fork()` (made once, only when needed).
 */
export function passes(
	check: Check,
	fork: () => Engine,
	facts: () => FactValues,
	live?: Engine,
): boolean {
	if (check.facts.some((f) => !compare(facts()[f.name], f.op, f.value))) return false;
	const peeked = live ? peekOutputs(live, check) : null;
	if (peeked) return check.commands.every((c, i) => meets(peeked[i]!, c.expect));
	return check.commands.every((c: CheckCommand) => meets(outputOn(fork(), c.command), c.expect));
}
