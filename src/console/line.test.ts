import { describe, expect, it, vi } from 'vitest';
import { createEngine } from '../engine/index.ts';
import { helpNotes } from './help-notes.ts';
import { handleLine, interpretLine, type MetaControls, type ShownOutcome } from './line.ts';
import { entryText } from './line-text.ts';
import { INITIAL_STATE } from './session.ts';

function setup() {
	const engine = createEngine();
	const meta: MetaControls = {
		advance: vi.fn(),
		reset: vi.fn(),
		setSpeed: vi.fn(),
		speeds: [1, 10, 60, 600],
	};
	const exec = vi.fn((argv: string[]) => engine.exec(argv));
	const run = (line: string) =>
		interpretLine(line, exec, engine.commands(), INITIAL_STATE, meta).outcome;
	const shown = (line: string): ShownOutcome => {
		const out = handleLine(line, exec, engine.commands(), INITIAL_STATE, meta);
		if (!out.entry) throw new Error(`nothing shown for ${line}`);
		return out.entry;
	};
	return { engine, meta, exec, run, shown };
}

describe('interpretLine: what a line did, as data', () => {
	it('returns the engine replies, one per repetition, with the argv sent', () => {
		const { run } = setup();
		const out = run('3 INCR x');
		expect(out).toMatchObject({
			kind: 'replies',
			input: '3 INCR x',
			argv: ['INCR', 'x'],
			raw: false,
		});
		if (out.kind !== 'replies') throw new Error(out.kind);
		expect(out.replies.map((r) => [r.type, String(r.value)])).toEqual([
			['integer', '1'],
			['integer', '2'],
			['integer', '3'],
		]);
		expect(run('INFO keyspace')).toMatchObject({ kind: 'replies', raw: true });
	});

	it('returns the split error with its explanation and a fix that splits', () => {
		const { run, exec } = setup();
		const out = run('SET user:456:profile "{"name": "Alice", "role": "admin"}"');
		if (out.kind !== 'invalid') throw new Error(out.kind);
		expect(out.error.kind).toBe('closing-quote');
		expect(out.explain).toMatch(/closing quote must be followed by a space/);
		expect(out.fix).toBe(`SET user:456:profile '{"name": "Alice", "role": "admin"}'`);
		expect(exec).not.toHaveBeenCalled();
		expect(run(out.fix!).kind).toBe('replies');
		expect(run('GET "open')).toMatchObject({ kind: 'invalid', error: { kind: 'unterminated' } });
	});

	it('acts on meta-commands through the controls and says what happened', () => {
		const { run, meta } = setup();
		expect(run(':advance 90s')).toEqual({ kind: 'advanced', input: ':advance 90s', ms: 90_000 });
		expect(meta.advance).toHaveBeenCalledWith(90_000);
		expect(run(':advance soon')).toMatchObject({ kind: 'usage', command: ':advance' });
		expect(run(':speed 60x')).toMatchObject({ kind: 'speed', speed: 60 });
		expect(meta.setSpeed).toHaveBeenCalledWith(60);
		expect(run(':speed 7')).toMatchObject({ kind: 'usage', command: ':speed' });
		expect(run(':seed 7')).toEqual({ kind: 'reset', seed: 7 });
		expect(meta.reset).toHaveBeenCalledWith(7);
		expect(run(':reset')).toEqual({ kind: 'reset', seed: null });
		expect(run(':nope')).toMatchObject({ kind: 'unknown-meta', name: ':nope' });
		expect(run(':help')).toMatchObject({ kind: 'meta-help' });
	});

	it('handles redis-cli’s own commands without reaching the engine', () => {
		const { run, exec } = setup();
		expect(run('clear')).toEqual({ kind: 'clear' });
		expect(run('quit')).toMatchObject({ kind: 'quit' });
		expect(run('connect host 1')).toMatchObject({ kind: 'connect' });
		expect(run('MONITOR')).toMatchObject({ kind: 'monitor' });
		expect(run('restart')).toMatchObject({ kind: 'restart' });
		expect(run('0 PING')).toMatchObject({ kind: 'repeat-error' });
		expect(run('help')).toMatchObject({ kind: 'help-intro' });
		expect(run('')).toEqual({ kind: 'empty' });
		expect(exec).not.toHaveBeenCalled();
	});

	it('answers help <command> with the table entry and the console notes', () => {
		const { run } = setup();
		expect(run('help ttl')).toMatchObject({
			kind: 'help',
			topic: 'ttl',
			spec: { name: 'TTL' },
			notes: helpNotes('TTL'),
		});
		expect(run('help NOSUCH')).toMatchObject({ kind: 'help', spec: null, notes: [] });
	});
});

describe('handleLine: the shape the Lab keeps', () => {
	it('keeps shown outcomes and turns clear, :reset and :seed into a wipe', () => {
		const { engine, meta } = setup();
		const h = (line: string) => handleLine(line, (a) => engine.exec(a), [], INITIAL_STATE, meta);
		expect(h('PING').entry).toMatchObject({ kind: 'replies' });
		expect(h('clear')).toEqual({ entry: null, state: INITIAL_STATE, clear: true });
		expect(h(':reset').clear).toBe(true);
		expect(h('   ')).toEqual({ entry: null, state: INITIAL_STATE });
		expect(h('SELECT 2').state.db).toBe(2);
	});
});

describe('entryText: the words, at the edge', () => {
	it('formats replies as redis-cli does and takes the tone from the reply type', () => {
		const { shown } = setup();
		expect(entryText(shown('3 INCR x'))).toEqual({
			output: '(integer) 1\n(integer) 2\n(integer) 3',
			tone: 'reply',
			notes: [],
		});
		expect(entryText(shown('2 GETT'))).toMatchObject({ tone: 'error' });
		expect(entryText(shown('GET'))).toEqual({
			output: "(error) ERR wrong number of arguments for 'get' command",
			tone: 'error',
			notes: [],
		});
		// A value that reads like an error is still a reply.
		shown('SET k "(error) no"');
		expect(entryText(shown('GET k'))).toMatchObject({ output: '"(error) no"', tone: 'reply' });
		// EXEC's array holds an error among its replies: the line as a whole is a reply.
		for (const line of ['MULTI', 'SET s v', 'INCR s']) shown(line);
		const exec = entryText(shown('EXEC'));
		expect(exec.output).toMatch(/^1\) OK\n2\) \(error\) ERR value is not an integer/);
		expect(exec.tone).toBe('reply');
	});

	it('writes the console’s own outcomes in its own words', () => {
		const { shown } = setup();
		expect(entryText(shown(':advance 90s')).output).toBe('Clock moved forward 1m 30s.');
		expect(entryText(shown(':speed 7')).output).toBe('Usage: :speed <1|10|60|600>');
		expect(entryText(shown('BAD "x')).output).toBe('Invalid argument(s)');
		expect(entryText(shown('BAD "x')).tone).toBe('invalid');
		expect(entryText(shown('0 PING'))).toMatchObject({
			output: 'Invalid redis-cli repeat command option value.',
			tone: 'error',
		});
		expect(entryText({ kind: 'refused', input: 'GET k' })).toMatchObject({
			output: 'Could not connect to Redis at 127.0.0.1:6379: Connection refused',
			tone: 'error',
		});
		const help = entryText(shown('help TTL'));
		expect(help.output).toContain('  TTL key\n  summary: ');
		expect(help.notes).toEqual(helpNotes('TTL'));
		expect(help.tone).toBe('local');
	});
});

describe('help notes', () => {
	it('explain -2 and -1 for TTL and EXPIREAT, and where a Unix time comes from', () => {
		for (const cmd of ['TTL', 'PTTL', 'EXPIREAT', 'EXPIRETIME']) {
			const text = helpNotes(cmd).join(' ');
			expect(text, cmd).toMatch(/-2 means the key does not exist/);
			expect(text, cmd).toMatch(/-1 means it exists but has no TTL/);
		}
		const at = helpNotes('expireat').join(' ');
		expect(at).toMatch(/Unix time in seconds/);
		expect(at).toMatch(/header/);
		expect(at).toMatch(/TIME/);
		expect(helpNotes('GET')).toEqual([]);
	});
});
