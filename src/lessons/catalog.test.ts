import { describe, expect, it } from 'vitest';
import { Catalog } from './catalog.ts';
import { fixtureSources } from './fixtures.test-util.ts';

describe('Catalog', () => {
	it('lists chapters and lessons in order from the paths alone, loading nothing', () => {
		let loads = 0;
		const sources = Object.fromEntries(
			Object.entries(fixtureSources()).map(([p, f]) => [p, () => (loads++, f())]),
		);
		const c = new Catalog(sources);
		expect(c.chapters).toEqual([
			{ id: '01-basics', lessonIds: ['01-basics/01-ttl', '01-basics/02-hit', '01-basics/03-race'] },
		]);
		expect(c.lessonIds).toEqual(['01-basics/01-ttl', '01-basics/02-hit', '01-basics/03-race']);
		expect(loads).toBe(0);
	});

	it('loads a chapter once, with its title and parsed lessons', async () => {
		const c = new Catalog(fixtureSources());
		const chapter = await c.chapter('01-basics');
		expect(chapter.title).toBe('Basics');
		expect(chapter.lessons.map((l) => l.title)).toEqual([
			'A key can expire on its own',
			'The second read is a hit',
			'A lease refuses a late fill',
		]);
		expect(await c.chapter('01-basics')).toBe(chapter);
		expect((await c.lesson('01-basics/02-hit'))?.seed).toBe(7);
		expect(await c.lesson('09-none/01-x')).toBeNull();
	});

	it('rejects a broken lesson with its file and line', async () => {
		const c = new Catalog({
			'/lessons/01-a/01-b.md': () => Promise.resolve('---\ntitle: T\nnope: 1\n---\n'),
		});
		await expect(c.chapter('01-a')).rejects.toThrow('lessons/01-a/01-b.md:3: unknown key "nope"');
	});
});
