// The engine's README lists what it can do: its command table must name every command the engine
// answers (a group lands with its row), and nothing it does not.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine, loadAllCommands } from '../src/engine/index.ts';

const README = readFileSync(join(import.meta.dirname, '..', 'src', 'engine', 'README.md'), 'utf8');

/**
 * The command names in the README's table, a container's subcommands (in parentheses after it) as
 * `CONTAINER|SUB`, as COMMAND LIST spells them.
 */
function documented(): Set<string> {
	const names = new Set<string>();
	for (const line of README.split('\n')) {
		const cells = line.split('|').map((c) => c.trim());
		if (cells.length < 4 || cells[1] === 'group' || cells[1]!.startsWith('-')) continue;
		const row = cells[2]!;
		if (!/^[A-Z_ ()-]+$/.test(row)) continue;
		for (const [, name, subs] of row.matchAll(/([A-Z_]+)(?:\s*\(([^)]*)\))?/g)) {
			names.add(name!);
			for (const sub of subs?.split(/\s+/) ?? []) if (sub) names.add(`${name}|${sub}`);
		}
	}
	return names;
}

describe('the engine README', () => {
	it('names exactly the commands the engine answers', async () => {
		await loadAllCommands();
		const reply = createEngine().exec(['COMMAND', 'LIST']);
		if (reply.type !== 'array') throw new Error('COMMAND LIST did not answer an array');
		const engine = (reply.value ?? []).map((r) => String(r.value).toUpperCase());
		const docs = documented();
		expect(engine.filter((name) => !docs.has(name)).sort()).toEqual([]);
		// DEBUG is one command with a first argument, not a container: its parentheses list those.
		const containers = new Set(engine.filter((n) => n.includes('|')).map((n) => n.split('|')[0]));
		const claimed = [...docs].filter((name) => {
			const [container, sub] = name.split('|');
			return sub === undefined || containers.has(container);
		});
		expect(claimed.filter((name) => !engine.includes(name)).sort()).toEqual([]);
	});
});
