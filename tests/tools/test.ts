// `npm test`: every check in order — type check, lint, format check, unit tests, build, end-to-end.
// Keeps going after a failure, prints a summary, and ends with the line `N passed, N failed`,
// counting test cases from the Vitest and Playwright JSON reports and each other step as one.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOW_TO_GET_A_BROWSER, findBrowser } from './browser.ts';

interface Outcome {
	readonly name: string;
	readonly ok: boolean;
	readonly passed: number;
	readonly failed: number;
	readonly skipped: number;
	readonly seconds: number;
	readonly note?: string;
}

const tmp = mkdtempSync(join(tmpdir(), 'cachelab-test-'));
const vitestJson = join(tmp, 'vitest.json');
const playwrightJson = join(tmp, 'playwright.json');

function run(args: readonly string[], env: NodeJS.ProcessEnv = {}): number {
	const result = spawnSync('npm', ['run', '-s', ...args], {
		stdio: 'inherit',
		env: { ...process.env, ...env },
	});
	return result.status ?? 1;
}

function readJson(path: string): unknown {
	if (!existsSync(path)) return undefined;
	try {
		return JSON.parse(readFileSync(path, 'utf8'));
	} catch {
		return undefined;
	}
}

function num(value: unknown): number {
	return typeof value === 'number' ? value : 0;
}

type Counts = Pick<Outcome, 'passed' | 'failed' | 'skipped'>;

function vitestCounts(report: unknown): Counts | undefined {
	if (typeof report !== 'object' || report === null) return undefined;
	const r = report as Record<string, unknown>;
	return {
		passed: num(r['numPassedTests']),
		failed: num(r['numFailedTests']),
		skipped: num(r['numPendingTests']) + num(r['numTodoTests']),
	};
}

function playwrightCounts(report: unknown): Counts | undefined {
	if (typeof report !== 'object' || report === null) return undefined;
	const stats = (report as Record<string, unknown>)['stats'];
	if (typeof stats !== 'object' || stats === null) return undefined;
	const s = stats as Record<string, unknown>;
	return {
		passed: num(s['expected']) + num(s['flaky']),
		failed: num(s['unexpected']),
		skipped: num(s['skipped']),
	};
}

/** A step counted as one check: passed or failed by its exit code. */
function single(name: string, script: string): Outcome {
	const started = performance.now();
	console.log(`\n━━ ${name}: npm run ${script}`);
	const ok = run([script]) === 0;
	return {
		name,
		ok,
		passed: ok ? 1 : 0,
		failed: ok ? 0 : 1,
		skipped: 0,
		seconds: (performance.now() - started) / 1000,
	};
}

/** A step counted by its test cases; a run that failed without any failed case counts as one failure. */
function counted(
	name: string,
	command: () => number,
	report: () => Counts | undefined,
	note?: string,
): Outcome {
	const started = performance.now();
	const code = command();
	const seconds = (performance.now() - started) / 1000;
	const counts = report();
	if (!counts) {
		return { name, ok: false, passed: 0, failed: 1, skipped: 0, seconds, note: 'no report' };
	}
	const ok = code === 0 && counts.failed === 0;
	const failed = code !== 0 && counts.failed === 0 ? 1 : counts.failed;
	return {
		name,
		ok,
		...counts,
		failed,
		seconds,
		note: code !== 0 && counts.failed === 0 ? `exit ${code}` : note,
	};
}

const outcomes: Outcome[] = [];
outcomes.push(single('check', 'check'));
outcomes.push(single('lint', 'lint'));
outcomes.push(single('format', 'format:check'));

console.log('\n━━ unit: npm run test:unit');
outcomes.push(
	counted(
		'unit',
		() =>
			run([
				'test:unit',
				'--',
				'--reporter=default',
				'--reporter=json',
				`--outputFile.json=${vitestJson}`,
			]),
		() => vitestCounts(readJson(vitestJson)),
	),
);

outcomes.push(single('build', 'build'));
outcomes.push(single('single', 'build:single'));

console.log('\n━━ e2e: npm run test:e2e');
if (!findBrowser()) {
	console.log(HOW_TO_GET_A_BROWSER);
	outcomes.push({
		name: 'e2e',
		ok: false,
		passed: 0,
		failed: 1,
		skipped: 0,
		seconds: 0,
		note: 'no browser',
	});
} else {
	outcomes.push(
		counted(
			'e2e',
			() =>
				run(['test:e2e', '--', '--reporter=list,json'], {
					PLAYWRIGHT_JSON_OUTPUT_FILE: playwrightJson,
				}),
			() => playwrightCounts(readJson(playwrightJson)),
		),
	);
}

rmSync(tmp, { recursive: true, force: true });

let passed = 0;
let failed = 0;
console.log('\n━━ summary');
for (const o of outcomes) {
	passed += o.passed;
	failed += o.failed;
	const counts = `${o.passed} passed, ${o.failed} failed${o.skipped ? `, ${o.skipped} skipped` : ''}`;
	const note = o.note ? ` (${o.note})` : '';
	console.log(
		`${o.ok ? 'ok  ' : 'FAIL'} ${o.name.padEnd(7)} ${counts.padEnd(34)} ${o.seconds.toFixed(1).padStart(6)}s${note}`,
	);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && outcomes.every((o) => o.ok) ? 0 : 1);
