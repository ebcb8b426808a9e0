// Accessibility: axe's standard rules find no serious or critical violation, light or dark, wide or
// narrow, with keys, a ghost and an invalid-line explanation on screen.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

async function populate(page: Page) {
	const input = page.getByRole('textbox', { name: 'Redis command' });
	for (const line of [
		`SETEX user:456:profile 300 '{"name": "Alice"}'`,
		'SET session:1 abc PX 10',
		'SET user:456:profile "{"name": "Alice"}"',
		'TTL user:456:profile',
		// Evictions fill the x-ray and overflow the event log, so both are checked too.
		'CONFIG SET maxmemory 1mb',
		'CONFIG SET maxmemory-policy allkeys-lru',
		'DEBUG POPULATE 1500',
		'SET trigger now',
	]) {
		await input.fill(line);
		await input.press('Enter');
	}
	await expect(page.getByRole('region', { name: 'Eviction x-ray' })).toContainText(
		/Eviction \d+ of \d+/,
	);
}

for (const colorScheme of ['light', 'dark'] as const) {
	for (const [label, viewport] of [
		['wide', { width: 1280, height: 720 }],
		['narrow', { width: 390, height: 844 }],
	] as const) {
		test(`no serious or critical axe violations (${colorScheme}, ${label})`, async ({ page }) => {
			// Eight typed lines, then axe over a page with 1,500 keys: half a minute on a busy machine.
			test.slow();
			await page.setViewportSize(viewport);
			await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
			await page.goto('./');
			await populate(page);
			const results = await new AxeBuilder({ page }).analyze();
			const bad = results.violations.filter(
				(v) => v.impact === 'serious' || v.impact === 'critical',
			);
			expect(
				bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
			).toEqual([]);
		});
	}
}

test('everything is reachable by keyboard with a visible focus ring', async ({ page }) => {
	await page.goto('./');
	await page.keyboard.press('Tab');
	const seen = new Set<string>();
	for (let i = 0; i < 40; i++) {
		const info = await page.evaluate(() => {
			const el = document.activeElement as HTMLElement | null;
			// Past the last control focus returns to the document itself, which has no ring to show.
			if (!el || el === document.body || el === document.documentElement) return null;
			const style = getComputedStyle(el);
			return {
				name: el.getAttribute('aria-label') ?? el.textContent?.trim() ?? el.tagName,
				outline: style.outlineStyle !== 'none' || style.boxShadow !== 'none',
			};
		});
		if (info) {
			seen.add(info.name);
			expect(info.outline, `focus ring on ${info.name}`).toBe(true);
		}
		await page.keyboard.press('Tab');
	}
	// Disabled controls (Step back, Next expiry before any TTL) are skipped by Tab, as they should be.
	for (const name of ['Pause', 'Step', 'Redis command', 'Large text', 'Send request'])
		expect([...seen]).toContain(name);
});
