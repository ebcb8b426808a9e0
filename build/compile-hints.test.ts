import { describe, expect, it } from 'vitest';
import { EAGER_HINT, compileHints, firstScreenChunks, type BundleFile } from './compile-hints.ts';

function bundle(): Record<string, BundleFile> {
	return {
		'index.js': { type: 'chunk', isEntry: true, imports: ['engine.js', 'commands.js'], code: 'a' },
		'engine.js': { type: 'chunk', imports: ['shared.js'], code: 'b' },
		'commands.js': { type: 'chunk', imports: ['engine.js'], code: 'c' },
		'shared.js': { type: 'chunk', imports: [], code: 'd' },
		// Reached only by import(): a lesson, a lab.
		'lessons.js': { type: 'chunk', imports: ['shared.js'], code: 'e' },
		'index.css': { type: 'asset' },
	};
}

describe('compile hints', () => {
	it('finds the entry and its static imports, through cycles, and nothing loaded later', () => {
		expect([...firstScreenChunks(bundle())].sort()).toEqual([
			'commands.js',
			'engine.js',
			'index.js',
			'shared.js',
		]);
	});

	it('starts each first-screen chunk with the hint, once, and leaves the rest as they were', () => {
		const files = bundle();
		const plugin = compileHints();
		const hook = plugin.generateBundle as unknown as { handler: (o: unknown, b: unknown) => void };
		hook.handler.call({}, {}, files);
		hook.handler.call({}, {}, files);
		expect(files['index.js']!.code).toBe(`${EAGER_HINT}a`);
		expect(files['shared.js']!.code).toBe(`${EAGER_HINT}d`);
		expect(files['lessons.js']!.code).toBe('e');
		expect(files['index.css']).toEqual({ type: 'asset' });
	});
});
