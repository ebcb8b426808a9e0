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
	/** Names of the failed cases, printed again at the end so a log's tail says what broke. */
	readonly failures?: readonly string[];
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

type Counts = Pick<Outcome, 'passed' | 'failed' | 'skipped' | 'failures'>;

const records = (value: unknown): Record<string, unknown>[] =>
	Array.isArray(value)
		? value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null)
		: [];

/** Vitest's JSON report: testResults[].assertionResults[] with a status and a fullName. */
function vitestFailures(report: Record<string, unknown>): string[] {
	const names: string[] = [];
	for (const file of records(report['testResults']))
		for (const test of records(file['assertionResults']))
			if (test['status'] === 'failed')
				names.push(
					`${String(file['name']).replace(process.cwd() + '/', '')} › ${String(test['fullName'])}`,
				);
	return names;
}

/** Playwright's JSON report: suites nest suites and specs; a spec that is not ok failed. */
function playwrightFailures(report: Record<string, unknown>): string[] {
	const names: string[] = [];
	const walk = (suite: Record<string, unknown>, path: string): void => {
		for (const spec of records(suite['specs']))
			if (spec['ok'] === false) names.push(`${path} › ${String(spec['title'])}`);
		for (const child of records(suite['suites'])) walk(child, path || String(child['title']));
	};
	for (const suite of records(report['suites'])) walk(suite, String(suite['title']));
	return names;
}

function vitestCounts(report: unknown): Counts | undefined {
	if (typeof report !== 'object' || report === null) return undefined;
	const r = report as Record<string, unknown>;
	return {
		passed: num(r['numPassedTests']),
		failed: num(r['numFailedTests']),
		skipped: num(r['numPendingTests']) + num(r['numTodoTests']),
		failures: vitestFailures(r),
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
		failures: playwrightFailures(report as Record<string, unknown>),
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
	for (const name of o.failures ?? []) console.log(`       ✗ ${name}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && outcomes.every((o) => o.ok) ? 0 : 1);
