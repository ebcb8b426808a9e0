import { describe, expect, it, vi } from 'vitest';
import { commandTable } from './index.ts';
import * as families from './families.ts';
import { LAZY_COMMANDS } from './lazy-names.ts';

describe('the command families loaded on demand', () => {
	it('LAZY_COMMANDS names exactly the commands families.ts defines', () => {
		const defined = Object.values(families)
			.flat()
			.map((s) => s.name.toLowerCase());
		expect(new Set(defined)).toEqual(LAZY_COMMANDS);
		expect(defined.length).toBe(LAZY_COMMANDS.size);
	});

	it('are in the table once loaded (the test setup loads them)', () => {
		for (const name of LAZY_COMMANDS)
			expect(commandTable().get(name)?.name.toLowerCase()).toBe(name);
	});

	it('before loading: strings run, a family command is refused as an engine error, never answered "unknown"', async () => {
		vi.resetModules();
		const door = await import('../index.ts');
		expect(door.allCommandsLoaded()).toBe(false);
		expect(door.commandNeedsLoading('LPUSH')).toBe(true);
		expect(door.commandNeedsLoading('zAdd')).toBe(true);
		expect(door.commandNeedsLoading('COMMAND')).toBe(true);
		expect(door.commandNeedsLoading('hset')).toBe(true);
		expect(door.commandNeedsLoading('SETEX')).toBe(false);
		const engine = door.createEngine();
		expect(engine.exec(['SET', 'k', 'v'])).toEqual({ type: 'status', value: 'OK' });
		expect(engine.exec(['LPUSH', 'l', 'a'])).toMatchObject({
			type: 'error',
			value: expect.stringMatching(/^ERR internal engine error: LPUSH: its code is not loaded yet/),
		});
		expect(engine.exec(['EXISTS', 'l'])).toEqual({ type: 'integer', value: 0 });
		expect(engine.exec(['NOSUCH'])).toMatchObject({ type: 'error' });
		const before = engine.commands().length;

		await door.loadAllCommands();
		expect(door.allCommandsLoaded()).toBe(true);
		expect(door.commandNeedsLoading('LPUSH')).toBe(false);
		expect(engine.commands().length).toBe(before + LAZY_COMMANDS.size);
		expect(engine.exec(['LPUSH', 'l', 'a'])).toEqual({ type: 'integer', value: 1 });
		expect(engine.exec(['GET', 'k'])).toEqual({ type: 'bulk', value: 'v' });
	});
});
