import { describe, expect, it } from 'vitest';
import type { CommandContext, CommandSpec } from './command.ts';
import { serverFixture } from './commands/server.test-util.ts';
import { call, isResolved, resolveCommand } from './dispatch.ts';
import { bulk, type Reply } from './reply.ts';

/** A made-up command for the test: its name, and what its run does. */
function spec(name: string, run: (ctx: CommandContext) => Reply): CommandSpec {
	return {
		name,
		arity: -1,
		flags: ['readonly', 'fast'],
		group: 'generic',
		summary: 'A command made up for a test.',
		syntax: '',
		since: '7.0.0',
		keys: [0, 0, 0],
		run,
	};
}

describe('call()', () => {
	it('gives a command run inside another (as EXEC runs its queue) a context of its own', () => {
		const { server, client } = serverFixture();
		const seen: string[] = [];
		const inner = spec('INNERCMD', (ctx) => {
			seen.push(`${ctx.argv[1]}@${ctx.db.id}`);
			return bulk('inner');
		});
		const outer = spec('OUTERCMD', (ctx) => {
			const before = `${ctx.argv[1]}@${ctx.db.id}`;
			client.db = 3;
			call(server, client, inner, ['INNERCMD', 'b']);
			client.db = 0;
			// The outer command's context still holds its own arguments and database.
			return bulk(`${before} ${ctx.argv[1]}@${ctx.db.id}`);
		});
		expect(call(server, client, outer, ['OUTERCMD', 'a'])).toEqual(bulk('a@0 a@0'));
		expect(seen).toEqual(['b@3']);
		// The next command at the same depth sees its own arguments, not the last one's.
		expect(call(server, client, inner, ['INNERCMD', 'c'])).toEqual(bulk('inner'));
		expect(seen).toEqual(['b@3', 'c@0']);
	});
});

describe('resolveCommand()', () => {
	it('resolves each name as typed, the same name twice in a row included, arity checked each time', () => {
		const name = (argv: string[]) => {
			const r = resolveCommand(argv);
			return isResolved(r) ? r.fullName : r;
		};
		expect(name(['GET', 'k'])).toBe('get');
		expect(name(['GET', 'k'])).toBe('get');
		expect(name(['GET'])).toEqual({
			type: 'error',
			value: "ERR wrong number of arguments for 'get' command",
		});
		expect(name(['SET', 'k', 'v'])).toBe('set');
		expect(name(['get', 'k'])).toBe('get');
		expect(name(['GET', 'k'])).toBe('get');
		expect(name(['SET', 'k'])).toEqual({
			type: 'error',
			value: "ERR wrong number of arguments for 'set' command",
		});
	});
});
