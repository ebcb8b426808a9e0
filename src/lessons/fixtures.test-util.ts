// The fixture course under src/lessons/fixtures, read from disk as the catalog's sources.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sources } from './catalog.ts';

export function diskSources(root: string, prefix = '/lessons'): Sources {
	const out: Record<string, () => Promise<string>> = {};
	for (const chapter of readdirSync(root, { withFileTypes: true })) {
		if (!chapter.isDirectory()) continue;
		for (const f of readdirSync(join(root, chapter.name)))
			if (f.endsWith('.md')) {
				const text = readFileSync(join(root, chapter.name, f), 'utf8');
				out[`${prefix}/${chapter.name}/${f}`] = () => Promise.resolve(text);
			}
	}
	return out;
}

export const FIXTURES = new URL('./fixtures', import.meta.url).pathname;

export function fixtureText(name: string): string {
	return readFileSync(join(FIXTURES, '01-basics', name), 'utf8');
}
