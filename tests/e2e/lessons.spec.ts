// Guided lessons in a real browser: a first visitor completes lesson 1 with the stage's buttons,
// goals tick and the progress survives a reload; Show me completes a lesson with a flow step; a
// wrong prediction is graded wrong with its reason; export, reset and import restore progress; a
// corrupt store still lets a lesson be completed; axe finds nothing serious on a lesson screen.
import AxeBuilder from '@axe-core/playwright';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { loadAllCommands } from '../../src/engine/index.ts';
import { loadFlowRuntime } from '../../src/lab/flow-kit.ts';
import { Lab } from '../../src/lab/lab.ts';
import { grade, startLesson } from '../../src/lessons/lesson-run.ts';
import type { Lesson, ScriptLine } from '../../src/lessons/lesson-types.ts';
import { parseLesson } from '../../src/lessons/parse-lesson.ts';

// Each journey replays lessons in a real page; on a busy machine that takes a while.
test.describe.configure({ timeout: 90_000 });

const ROOT = join(import.meta.dirname, '..', '..', 'lessons');
const LESSONS: Lesson[] = readdirSync(ROOT)
	.filter((c) => /^\d\d-/.test(c))
	.sort()
	.flatMap((c) =>
		readdirSync(join(ROOT, c))
			.filter((f) => /^\d\d-.*\.md$/.test(f))
			.sort()
			.map((f) => parseLesson(`lessons/${c}/${f}`, readFileSync(join(ROOT, c, f), 'utf8'))),
	);
const FIRST = LESSONS[0]!;

const lessonRegion = (page: Page) => page.getByRole('region', { name: 'Lesson' });
const goals = (page: Page) => page.getByRole('list', { name: 'Goals' }).getByRole('checkbox');
const command = (page: Page) => page.getByRole('textbox', { name: 'Redis command' });
const flow = (page: Page) => page.getByRole('region', { name: 'Request flow' });

/** Does one solution line the way a learner would: typed, or the stage's buttons. */
async function perform(page: Page, line: ScriptLine): Promise<void> {
	if (line.kind === 'console') {
		await command(page).fill(line.text);
		await command(page).press('Enter');
		return;
	}
	const a = line.action;
	switch (a.kind) {
		case 'request':
			await flow(page).getByLabel('User id').fill(String(a.userId));
			await flow(page).getByLabel(/TTL/).fill(String(a.ttlSeconds));
			await flow(page).getByRole('button', { name: 'Send request' }).click();
			// The clock plays: a request finishes in well under a virtual second.
			await page.waitForTimeout(400);
			return;
		default:
			throw new Error(`the e2e helper does not press ${line.text}`);
	}
}

async function allGoalsMet(page: Page, lesson: Lesson): Promise<void> {
	await expect(goals(page)).toHaveCount(lesson.checks.length);
	for (let i = 0; i < lesson.checks.length; i++)
		await expect(goals(page).nth(i)).toHaveAttribute('aria-checked', 'true');
}

async function openNav(page: Page) {
	await page.getByRole('button', { name: 'All lessons' }).click();
	return page.getByRole('navigation', { name: 'Lessons' });
}

async function startFirst(page: Page): Promise<void> {
	await page.goto('./');
	await page.getByRole('button', { name: 'Start lesson 1' }).click();
	await expect(lessonRegion(page).getByRole('heading', { name: FIRST.title })).toBeVisible();
}

test('a first visitor completes lesson 1 with the stage; goals tick and a reload keeps it', async ({
	page,
}) => {
	await startFirst(page);
	await expect(goals(page).first()).toHaveAttribute('aria-checked', 'false');
	await expect(goals(page).first()).toHaveAttribute('aria-readonly', 'true');
	for (const line of FIRST.solution) await perform(page, line);
	await allGoalsMet(page, FIRST);
	await expect(lessonRegion(page).getByText('Lesson complete.')).toBeVisible();
	await page.waitForTimeout(600); // progress is stored shortly after it changes
	await page.reload();
	await expect(lessonRegion(page).getByRole('heading', { name: FIRST.title })).toBeVisible();
	await allGoalsMet(page, FIRST);
	const nav = await openNav(page);
	await expect(
		nav.getByRole('button', { name: new RegExp(`${FIRST.title}.*completed`) }),
	).toHaveAttribute('aria-current', 'page');
});

test('Show me completes a lesson with a flow step, visibly', async ({ page }) => {
	const lesson = LESSONS.find((l) => l.solution.some((s) => s.kind === 'action'))!;
	await startFirst(page);
	const nav = await openNav(page);
	await nav.getByRole('button', { name: lesson.title, exact: true }).click();
	await expect(lessonRegion(page).getByRole('heading', { name: lesson.title })).toBeVisible();
	await lessonRegion(page).getByRole('button', { name: 'Show me' }).click();
	await expect(lessonRegion(page).getByText(/^Typing/)).toBeVisible();
	await allGoalsMet(page, lesson);
});

test("a race lesson is stepped with the stage's own scenario buttons; its prediction and goals follow", async ({
	page,
}) => {
	const lesson = LESSONS.find((l) => l.id === '05-consistency/05-stale-set')!;
	await startFirst(page);
	const nav = await openNav(page);
	await nav.getByRole('button', { name: lesson.title, exact: true }).click();
	await expect(lessonRegion(page).getByRole('heading', { name: lesson.title })).toBeVisible();
	await expect(flow(page).getByRole('tab', { name: 'Scenarios' })).toHaveAttribute(
		'aria-selected',
		'true',
	);
	await expect(flow(page).getByRole('combobox', { name: 'Scenario' })).toHaveValue('stale-set');
	const step = flow(page).getByRole('button', { name: 'Step scenario', exact: true });
	for (let i = 1; i <= 8; i++) {
		await step.click();
		await expect(flow(page).getByText(`Step ${i}`, { exact: true })).toBeVisible();
	}
	await expect(goals(page).first()).toHaveAttribute('aria-checked', 'false');
	const group = lessonRegion(page).getByRole('group', { name: /^Predict/ });
	await group.getByRole('button', { name: 'hit', exact: true }).click();
	await expect(group.getByRole('status')).toContainText('Right');
	await flow(page).getByRole('button', { name: 'Play scenario' }).click();
	await allGoalsMet(page, lesson);
	// The stage can take the one world elsewhere; the lesson says so until Reset lesson.
	const off = lessonRegion(page).getByRole('status').filter({ hasText: 'The stage now runs' });
	await expect(off).toHaveCount(0);
	await flow(page).getByRole('tab', { name: 'Sandbox' }).click();
	await expect(off).toContainText('the sandbox');
	await lessonRegion(page).getByRole('button', { name: 'Reset lesson' }).click();
	await expect(off).toHaveCount(0);
	await expect(flow(page).getByRole('combobox', { name: 'Scenario' })).toHaveValue('stale-set');
});

test('Show me types a console line into the input before it runs', async ({ page }) => {
	const lesson = LESSONS.find((l) => l.solution[0]?.kind === 'console')!;
	const first = lesson.solution[0]!.text;
	await startFirst(page);
	const nav = await openNav(page);
	await nav.getByRole('button', { name: lesson.title, exact: true }).click();
	// The input's value, every frame: a loaded machine may poll past a short-lived one.
	await command(page).evaluate((input: HTMLInputElement) => {
		const seen: string[] = [];
		(window as unknown as { seen: string[] }).seen = seen;
		const look = () => {
			if (seen.at(-1) !== input.value) seen.push(input.value);
			requestAnimationFrame(look);
		};
		look();
	});
	await lessonRegion(page).getByRole('button', { name: 'Show me' }).click();
	await expect(page.getByRole('list', { name: 'Console output' })).toContainText(first);
	await allGoalsMet(page, lesson);
	await expect(command(page)).toHaveValue('');
	// Caught part-way, then whole, then run: the input empties and the line is in the scrollback.
	const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
	const end = seen.indexOf(first);
	expect(end).toBeGreaterThan(0);
	const partial = seen.slice(0, end).filter((v) => v !== '');
	expect(partial.length).toBeGreaterThan(0);
	for (const v of partial) expect(first.startsWith(v)).toBe(true);
});

test('a link copied in a lesson reopens that lesson, its world and its goals', async ({
	page,
	browser,
}) => {
	await page.addInitScript(() => {
		const w = window as unknown as { copied: string };
		Object.defineProperty(navigator, 'clipboard', {
			value: { writeText: (t: string) => ((w.copied = t), Promise.resolve()) },
		});
	});
	const lesson = LESSONS.find((l) => l.solution[0]?.kind === 'console')!;
	await startFirst(page);
	const nav = await openNav(page);
	await nav.getByRole('button', { name: lesson.title, exact: true }).click();
	await expect(lessonRegion(page).getByRole('heading', { name: lesson.title })).toBeVisible();
	await perform(page, lesson.solution[0]!);
	await perform(page, {
		kind: 'console',
		text: 'SET shared-marker 1',
		expectError: false,
		line: 0,
	});
	await expect(page.getByRole('table', { name: 'Keyspace' })).toContainText('shared-marker');
	await expect(goals(page)).toHaveCount(lesson.checks.length);
	const states = await goals(page).evaluateAll((els) =>
		els.map((e) => e.getAttribute('aria-checked')),
	);
	await page.getByRole('button', { name: 'Copy link' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
	const link = await page.evaluate(() => (window as unknown as { copied: string }).copied);

	const fresh = await browser.newContext();
	const other = await fresh.newPage();
	await other.goto(link);
	await expect(lessonRegion(other).getByRole('heading', { name: lesson.title })).toBeVisible();
	await expect(other.getByRole('table', { name: 'Keyspace' })).toContainText('shared-marker');
	await expect(goals(other)).toHaveCount(lesson.checks.length);
	for (let i = 0; i < states.length; i++)
		await expect(goals(other).nth(i)).toHaveAttribute('aria-checked', states[i]!);
	await fresh.close();
});

test('a wrong prediction is graded wrong, with what happened and why', async ({ page }) => {
	// The grade is worked out here on a Lab of the test's own, which needs what the page loads
	// on demand.
	await Promise.all([loadAllCommands(), loadFlowRuntime()]);
	const lab = new Lab();
	startLesson(lab, FIRST);
	const p = FIRST.predictions[0]!;
	const wrong = p.choices.find((c) => !grade(lab, p, c).right)!;
	await startFirst(page);
	const group = lessonRegion(page)
		.getByRole('group', { name: /^Predict/ })
		.first();
	await group.getByRole('button', { name: wrong, exact: true }).click();
	await expect(group.getByRole('status')).toContainText('Not quite');
	await expect(group.getByRole('status')).toContainText(p.why);
});

test('export, reset and import bring the progress back; a bad file is refused', async ({
	page,
}, info) => {
	await startFirst(page);
	await lessonRegion(page).getByRole('button', { name: 'Show me' }).click();
	await allGoalsMet(page, FIRST);
	const nav = await openNav(page);
	const done = nav.getByRole('button', { name: new RegExp(`${FIRST.title}.*completed`) });
	await expect(done).toBeVisible();
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Export progress' }).click(),
	]);
	const file = info.outputPath('progress.json');
	await download.saveAs(file);

	await page.getByRole('button', { name: 'Reset progress' }).click();
	await page.getByRole('button', { name: 'Yes, forget' }).click();
	await expect(done).toHaveCount(0);

	const bad = info.outputPath('bad.json');
	const { writeFileSync } = await import('node:fs');
	writeFileSync(bad, '{"v":1,"completed":"everything"}');
	let chooser = page.waitForEvent('filechooser');
	await page.getByRole('button', { name: 'Import progress' }).click();
	await (await chooser).setFiles(bad);
	await expect(page.getByText(/not imported: .*completed/)).toBeVisible();

	chooser = page.waitForEvent('filechooser');
	await page.getByRole('button', { name: 'Import progress' }).click();
	await (await chooser).setFiles(file);
	await expect(page.getByText('Progress imported: 1 lesson completed.')).toBeVisible();
	await expect(done).toBeVisible();
});

test('a corrupt progress store still lets a lesson be completed', async ({ page }) => {
	await page.goto('./');
	await page.evaluate(
		() =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('cachelab');
				open.onupgradeneeded = () => open.result.createObjectStore('keyval');
				open.onsuccess = () => {
					const tx = open.result.transaction('keyval', 'readwrite');
					tx.objectStore('keyval').put({ v: 1, completed: 42 }, 'cachelab:progress:v1');
					tx.oncomplete = () => resolve();
					tx.onerror = () => reject(tx.error);
				};
				open.onerror = () => reject(open.error);
			}),
	);
	await page.reload();
	await expect(page.getByText(/saved progress could not be read/)).toBeVisible();
	await page.getByRole('button', { name: 'Start lesson 1' }).click();
	await lessonRegion(page).getByRole('button', { name: 'Show me' }).click();
	await allGoalsMet(page, FIRST);
});

test('the sandbox is one click away and comes back as it was', async ({ page }) => {
	await page.goto('./');
	await page.getByRole('button', { name: 'Open the sandbox' }).click();
	await command(page).fill('SET sandbox-key kept');
	await command(page).press('Enter');
	await page.getByRole('button', { name: 'Open the lessons' }).click();
	await expect(lessonRegion(page)).toBeVisible();
	await expect(page.getByRole('table', { name: 'Keyspace' }).getByText('sandbox-key')).toHaveCount(
		0,
	);
	await page.getByRole('button', { name: 'Open the sandbox' }).click();
	await expect(
		page.getByRole('table', { name: 'Keyspace' }).getByText('sandbox-key'),
	).toBeVisible();
});

test('a click that arrives while the pointer is still fetching the lessons opens them', async ({
	page,
}) => {
	// The lesson runtime held back, so the fetch the pointer starts is still running at the click.
	let release = () => {};
	const held = new Promise<void>((r) => (release = r));
	await page.route('**/assets/lessons.svelte-*.js', async (route) => {
		await held;
		await route.continue();
	});
	await page.goto('./');
	await page.getByRole('button', { name: 'Open the sandbox' }).click();
	const open = page.getByRole('button', { name: 'Open the lessons' });
	await open.evaluate(async (button: HTMLElement) => {
		button.dispatchEvent(new PointerEvent('pointerenter'));
		// Let the page react to the pointer (its state settles in a microtask) before the click.
		await new Promise((r) => setTimeout(r, 50));
		button.click();
	});
	release();
	await expect(lessonRegion(page)).toBeVisible();
});

for (const [label, viewport] of [
	['1280×720', { width: 1280, height: 720 }],
	['390 px', { width: 390, height: 844 }],
] as const) {
	test(`a lesson screen has no serious or critical axe violation (${label})`, async ({ page }) => {
		await page.setViewportSize(viewport);
		await startFirst(page);
		if (viewport.width === 1280) {
			const scroll = await page.evaluate(() => document.documentElement.scrollHeight);
			expect(scroll).toBeLessThanOrEqual(720);
		}
		await lessonRegion(page).getByRole('button', { name: 'Hint' }).click();
		const results = await new AxeBuilder({ page }).analyze();
		const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
		expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
			[],
		);
	});
}
