// What the build ships, read from dist/ as a server would send it.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EAGER_HINT } from '../../build/compile-hints.ts';

const html = () => readFileSync('dist/index.html', 'utf8');
const scripts = (page: string) =>
	[...page.matchAll(/(?:src|href)="\.\/([^"]+\.js)"/g)].map((m) => m[1]!);

test('every script the first screen loads asks to be compiled whole, and only those', () => {
	const first = scripts(html());
	expect(first.length).toBeGreaterThan(1);
	for (const file of first)
		expect(readFileSync(join('dist', file), 'utf8').startsWith(EAGER_HINT)).toBe(true);
	const later = scripts(readFileSync('dist/sw.js', 'utf8').replaceAll('url:"', 'src="./'));
	const lazy = later.filter((f) => !first.includes(f));
	expect(lazy.length).toBeGreaterThan(0);
	for (const file of lazy)
		expect(readFileSync(join('dist', file), 'utf8').startsWith(EAGER_HINT)).toBe(false);
});
