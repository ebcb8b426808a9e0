// The dependency table of src/README.md as data, and findViolations() that checks sources against it.
// Paths are project-relative with forward slashes (`src/engine/engine.ts`).
import { builtinModules } from 'node:module';
import { posix } from 'node:path';
import { readImports } from './imports.ts';

/** A top-level folder of src/, or `root` for files directly in src/ (main.ts, App.svelte). */
export type Module =
	| 'engine'
	| 'db'
	| 'console'
	| 'flows'
	| 'lab'
	| 'lessons'
	| 'resp'
	| 'app'
	| 'ui'
	| 'lib'
	| 'root';

interface Rule {
	/** Other src/ modules it may import (its own module is always allowed). */
	readonly modules: readonly Module[];
	/** npm packages it may import; '*' = any (Node built-ins are separate). */
	readonly packages: readonly string[] | '*';
	readonly nodeBuiltins?: boolean;
	/** ui/: `import type` may come from anywhere. */
	readonly typesFromAnywhere?: boolean;
	/** Extra packages for some files of the module (lessons' progress store may use idb-keyval). */
	readonly filePackages?: { readonly file: RegExp; readonly packages: readonly string[] };
}

const EVERY_MODULE: readonly Module[] = [
	'engine',
	'db',
	'console',
	'flows',
	'lab',
	'lessons',
	'resp',
	'app',
	'ui',
	'lib',
	'root',
];

export const RULES: Readonly<Record<Module, Rule>> = {
	engine: { modules: ['lib'], packages: [] },
	db: { modules: ['lib'], packages: [] },
	console: { modules: ['engine', 'lib'], packages: [] },
	flows: { modules: ['engine', 'db', 'lib'], packages: ['xstate'] },
	// The headless Lab: one world that every mode plays on. It checks logs from outside with
	// valibot; its session store may use idb-keyval.
	lab: {
		modules: ['engine', 'db', 'flows', 'console', 'lib'],
		packages: ['valibot'],
		filePackages: { file: /^src\/lab\/(.*\/)?storage[^/]*$/, packages: ['idb-keyval'] },
	},
	// Lesson files are parsed with marked's lexer; progress files are checked with valibot.
	lessons: {
		modules: ['lab', 'engine', 'console', 'lib'],
		packages: ['marked', 'valibot'],
		filePackages: { file: /^src\/lessons\/(.*\/)?progress[^/]*$/, packages: ['idb-keyval'] },
	},
	resp: { modules: ['engine', 'console', 'lib'], packages: [], nodeBuiltins: true },
	app: { modules: EVERY_MODULE.filter((m) => m !== 'ui' && m !== 'resp'), packages: '*' },
	// The Labs screen's plots compute their scales and paths with d3-scale and d3-shape.
	ui: {
		modules: ['app', 'lib'],
		packages: ['svelte', 'd3-scale', 'd3-shape'],
		typesFromAnywhere: true,
	},
	lib: { modules: [], packages: [] },
	// The entry: main.ts mounts App.svelte, which composes ui/ components over app/.
	root: { modules: ['app', 'ui', 'lib'], packages: ['svelte'] },
};

/** The engine's only public door for everyone outside src/engine/. */
export const ENGINE_DOOR = 'src/engine/index.ts';
/**
 * The experiments' own door (the Labs screen and its worker): apart from ENGINE_DOOR, so the first
 * screen's chunk, which reaches the engine through ENGINE_DOOR, never carries them.
 */
export const EXPERIMENTS_DOOR = 'src/engine/experiments/index.ts';
const ENGINE_DOORS = new Set([
	ENGINE_DOOR,
	EXPERIMENTS_DOOR,
	'src/engine/index.js',
	'src/engine/index',
	'src/engine',
]);

/** Tests are consumers, not part of the shipped dependency graph. */
const TEST_FILE = /(\.test|\.spec)\.[cm]?[jt]s$|\/__tests__\//;
const SOURCE_FILE = /\.(svelte|[cm]?[jt]s)$/;

export interface SourceFile {
	readonly path: string;
	readonly source: string;
}

export interface Violation {
	readonly path: string;
	readonly line: number;
	readonly specifier: string;
	readonly message: string;
}

const BUILTINS = new Set(builtinModules);

function moduleOf(path: string): Module | { unknown: string } | undefined {
	if (!path.startsWith('src/')) return undefined;
	const parts = path.slice('src/'.length).split('/');
	if (parts.length === 1) return 'root';
	const folder = parts[0] ?? '';
	return (RULES as Record<string, Rule>)[folder] && folder !== 'root'
		? (folder as Module)
		: { unknown: folder };
}

function packageName(specifier: string): string {
	const parts = specifier.split('/');
	return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

export function isChecked(path: string): boolean {
	return path.startsWith('src/') && SOURCE_FILE.test(path) && !TEST_FILE.test(path);
}

export function findViolations(files: readonly SourceFile[]): Violation[] {
	const violations: Violation[] = [];
	for (const file of files) {
		const path = file.path.replaceAll('\\', '/');
		if (!isChecked(path)) continue;
		const from = moduleOf(path);
		if (from === undefined) continue;
		if (typeof from === 'object') {
			violations.push({
				path,
				line: 1,
				specifier: '',
				message: `src/${from.unknown}/ is not a module of the dependency table (src/README.md)`,
			});
			continue;
		}
		const rule = RULES[from];
		for (const ref of readImports(path, file.source)) {
			const report = (message: string) =>
				violations.push({ path, line: ref.line, specifier: ref.specifier, message });
			const specifier = ref.specifier.replace(/[?#].*$/, '');

			if (specifier.startsWith('.') || specifier.startsWith('/')) {
				const target = specifier.startsWith('/')
					? posix.normalize(specifier.slice(1))
					: posix.normalize(posix.join(posix.dirname(path), specifier));
				const to = moduleOf(target);
				if (to === undefined) {
					// Outside src/: only lesson content (/lessons) may be pulled in, by lessons/ and app/.
					const contentOk = target.startsWith('lessons/') && (from === 'lessons' || from === 'app');
					if (!contentOk) report(`${from}/ may not import ${target} from outside src/`);
					continue;
				}
				if (typeof to === 'object') {
					report(`src/${to.unknown}/ is not a module of the dependency table (src/README.md)`);
					continue;
				}
				if (to === 'engine' && from !== 'engine' && !ENGINE_DOORS.has(target)) {
					report(`${from}/ must reach the engine through ${ENGINE_DOOR}, not ${target}`);
					continue;
				}
				if (to === from || rule.modules.includes(to)) continue;
				if (ref.typeOnly && rule.typesFromAnywhere) continue;
				report(
					`${from}/ may not import ${to === 'root' ? 'src/' : `${to}/`} (${target})` +
						(rule.typesFromAnywhere ? '; only `import type` is allowed here' : ''),
				);
				continue;
			}

			if (specifier.startsWith('node:') || BUILTINS.has(packageName(specifier))) {
				if (!rule.nodeBuiltins && !(ref.typeOnly && rule.typesFromAnywhere)) {
					report(`${from}/ may not import the Node built-in '${specifier}' (browser code)`);
				}
				continue;
			}

			const name = packageName(specifier);
			if (rule.packages === '*' || rule.packages.includes(name)) continue;
			if (rule.filePackages?.file.test(path) && rule.filePackages.packages.includes(name)) continue;
			if (ref.typeOnly && rule.typesFromAnywhere) continue;
			report(`${from}/ may not import the package '${name}'`);
		}
	}
	return violations;
}
