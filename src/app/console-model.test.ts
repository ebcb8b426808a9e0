import { describe, expect, it, vi } from 'vitest';
import { createEngine } from '../engine/index.ts';
import { INITIAL_STATE } from '../console/session.ts';
import { handleLine, type MetaControls } from '../console/line.ts';
import { textEntry } from './console-model.ts';

function setup() {
	const engine = createEngine();
	const meta: MetaControls = {
		advance: vi.fn(),
		reset: vi.fn(),
		setSpeed: vi.fn(),
		speeds: [1, 10, 60, 600],
	};
	// What the page shows for a line: the console's outcome, written out as the scrollback does.
	const run = (line: string) => {
		const out = handleLine(
			line,
			(argv) => engine.exec(argv),
			engine.commands(),
			INITIAL_STATE,
			meta,
		);
		return { ...out, entry: out.entry && textEntry(out.entry) };
	};
	return { engine, meta, run };
}

describe('console model', () => {
	it('prints replies as redis-cli does and marks errors', () => {
		const { run } = setup();
		expect(run('GET nokey').entry).toMatchObject({
			output: '(nil)',
			tone: 'reply',
			result: { kind: 'replies', replies: [{ type: 'bulk', value: null }] },
		});
		expect(run('GET').entry).toMatchObject({
			output: "(error) ERR wrong number of arguments for 'get' command",
			tone: 'error',
		});
	});

	it('explains the seed line and offers a fix that parses', () => {
		const { run } = setup();
		const out = run('SET user:456:profile "{"name": "Alice", "role": "admin"}"');
		expect(out.entry?.output).toBe('Invalid argument(s)');
		expect(out.entry?.tone).toBe('invalid');
		expect(out.entry?.explain).toMatch(/quote/);
		expect(out.entry?.fix).toBeTruthy();
		expect(run(out.entry!.fix!).entry?.tone).not.toBe('invalid');
	});

	it('handles meta commands without reaching the engine', () => {
		const { run, meta } = setup();
		expect(run(':advance 90s').entry?.output).toBe('Clock moved forward 1m 30s.');
		expect(meta.advance).toHaveBeenCalledWith(90_000);
		expect(run(':advance soon').entry?.output).toMatch(/^Usage/);
		run(':speed 60');
		expect(meta.setSpeed).toHaveBeenCalledWith(60);
		expect(run(':speed 7').entry?.output).toMatch(/^Usage/);
		expect(run(':seed 7').clear).toBe(true);
		expect(meta.reset).toHaveBeenCalledWith(7);
		expect(run('clear').clear).toBe(true);
	});

	it('answers help <command> from the command table', () => {
		const { run } = setup();
		expect(run('help GET').entry?.output).toContain('  GET key');
		expect(run('').entry).toBeNull();
	});
});
