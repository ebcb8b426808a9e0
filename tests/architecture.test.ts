// Enforces the dependency table (src/README.md) on the import statements of src/.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readImports } from './architecture/imports.ts';
import { findViolations, isChecked, type SourceFile } from './architecture/rules.ts';

const ROOT = join(import.meta.dirname, '..');

function sourcesUnder(dir: string): SourceFile[] {
	return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => relative(ROOT, join(entry.parentPath, entry.name)).replaceAll('\\', '/'))
		.filter(isChecked)
		.sort()
		.map((path) => ({ path, source: readFileSync(join(ROOT, path), 'utf8') }));
}

function messages(files: SourceFile[]): string[] {
	return findViolations(files).map((v) => `${v.path}:${v.line} ${v.message}`);
}

describe('src/ follows the dependency table', () => {
	it('has no forbidden imports', () => {
		const files = sourcesUnder('src');
		expect(files.length).toBeGreaterThan(0);
		expect(messages(files)).toEqual([]);
	});
});

describe('findViolations catches forbidden imports', () => {
	it('engine/ importing svelte', () => {
		const found = findViolations([
			{ path: 'src/engine/keyspace.ts', source: "import { tick } from 'svelte';\n" },
		]);
		expect(found).toHaveLength(1);
		expect(found[0]).toMatchObject({ specifier: 'svelte', line: 1 });
	});

	it('ui/ importing the engine as a value', () => {
		const source = [
			'<script lang="ts">',
			"\timport { createEngine } from '../../engine/engine.ts';",
			'</script>',
		].join('\n');
		const found = findViolations([{ path: 'src/ui/console/Console.svelte', source }]);
		expect(found).toHaveLength(1);
		expect(found[0]).toMatchObject({ specifier: '../../engine/engine.ts', line: 2 });
	});

	it('ui/ importing the engine door as a value, or a type from a non-door engine file', () => {
		const found = findViolations([
			{ path: 'src/ui/x.ts', source: "import { createEngine } from '../engine/index.ts';" },
			{ path: 'src/ui/y.ts', source: "import type { Reply } from '../engine/reply.ts';" },
		]);
		expect(found.map((v) => v.path)).toEqual(['src/ui/x.ts', 'src/ui/y.ts']);
	});

	it('db/ importing xstate, statically, dynamically or by re-export', () => {
		const found = findViolations([
			{ path: 'src/db/mock.ts', source: "import { createActor } from 'xstate';" },
			{ path: 'src/db/lazy.ts', source: "const x = await import('xstate');" },
			{ path: 'src/db/again.ts', source: "export { setup } from 'xstate';" },
		]);
		expect(found.map((v) => v.path)).toEqual([
			'src/db/mock.ts',
			'src/db/lazy.ts',
			'src/db/again.ts',
		]);
	});

	it('console/ reaching past the engine door, and engine/ importing console/', () => {
		const found = findViolations([
			{ path: 'src/console/format.ts', source: "import { OK } from '../engine/reply.ts';" },
			{
				path: 'src/engine/engine.ts',
				source: "import { tokenize } from '../console/tokenize.ts';",
			},
		]);
		expect(found).toHaveLength(2);
	});

	it('browser code importing Node built-ins, and ui/ importing resp/ as a value', () => {
		const found = findViolations([
			{ path: 'src/app/session.ts', source: "import { readFileSync } from 'node:fs';" },
			{
				path: 'src/ui/Thing.svelte',
				source: "<script>import { serve } from '../resp/server.ts';</script>",
			},
		]);
		expect(found).toHaveLength(2);
	});

	it('a folder of src/ that is not a module', () => {
		expect(findViolations([{ path: 'src/utils/x.ts', source: '' }])).toHaveLength(1);
	});
});

describe('findViolations allows what the table allows', () => {
	it('accepts the permitted directions', () => {
		const files: SourceFile[] = [
			{
				path: 'src/engine/engine.ts',
				source: "import { OK } from './reply.ts';\nimport { clamp } from '../lib/math.ts';",
			},
			{
				path: 'src/console/format.ts',
				source: "import { type Reply, OK } from '../engine/index.ts';",
			},
			{
				path: 'src/flows/read.ts',
				source: "import { setup } from 'xstate';\nimport { query } from '../db/db.ts';",
			},
			{ path: 'src/lessons/progress.ts', source: "import { get } from 'idb-keyval';" },
			{
				path: 'src/resp/server.ts',
				source: "import net from 'node:net';\nimport { createEngine } from '../engine/index.ts';",
			},
			{
				path: 'src/app/session.svelte.ts',
				source:
					"import { createSubscriber } from 'svelte/reactivity';\nimport { createActor } from 'xstate';",
			},
			{
				path: 'src/ui/keyspace/Row.svelte',
				source: [
					'<script lang="ts">',
					"\timport type { Reply } from '../../engine/index.ts';",
					"\timport type { AnyActorRef } from 'xstate';",
					"\timport type { Session } from '../../app/session.svelte.ts';",
					"\timport { untrack } from 'svelte';",
					"\ttype F = typeof import('../../flows/read.ts');",
					'</script>',
				].join('\n'),
			},
			{
				path: 'src/main.ts',
				source: "import { mount } from 'svelte';\nimport App from './App.svelte';",
			},
			{
				path: 'src/engine/engine.test.ts',
				source: "import { it } from 'vitest';\nimport { spawn } from 'node:child_process';",
			},
		];
		expect(messages(files)).toEqual([]);
	});

	it('ignores import-like text in strings and comments', () => {
		const source = "// import x from 'svelte'\nconst hint = \"import { y } from 'xstate'\";\n";
		expect(readImports('src/engine/hints.ts', source)).toEqual([]);
	});
});
