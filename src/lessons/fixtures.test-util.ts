// The fixture course under src/lessons/fixtures, as the catalog's sources (Vite's glob, as the
// page finds /lessons), and one fixture's text.
import type { Sources } from './catalog.ts';

const RAW = import.meta.glob('./fixtures/*/*.md', {
	query: '?raw',
	import: 'default',
	eager: true,
}) as Record<string, string>;

export function fixtureSources(): Sources {
	const out: Record<string, () => Promise<string>> = {};
	for (const [path, text] of Object.entries(RAW))
		out[path.replace('./fixtures/', '/lessons/')] = () => Promise.resolve(text);
	return out;
}

export function fixtureText(name: string): string {
	const text = RAW[`./fixtures/01-basics/${name}`];
	if (text === undefined) throw new Error(`no fixture ${name}`);
	return text;
}
