// Marks the code the first screen loads for eager compilation. V8 compiles a function lazily, on
// the main thread, the first time it is called; so the first command typed after every load paid
// for about a hundred such compiles (4 ms in a trace, against 2 ms for the whole keydown after).
// A script that starts with the magic comment below is compiled whole while it streams in, off
// the main thread; other browsers ignore the comment. Chunks loaded later (lessons, labs, data-type
// commands) keep lazy compilation: they may never run.
import type { Plugin } from 'vite';

export const EAGER_HINT = '//# allFunctionsCalledOnLoad\n';

/** What the plugin reads of a bundle entry (Rollup's OutputChunk and OutputAsset have more). */
export interface BundleFile {
	type: 'chunk' | 'asset';
	isEntry?: boolean;
	imports?: readonly string[];
	code?: string;
}

/** The entry chunks and everything they import statically: what the first screen loads. */
export function firstScreenChunks(bundle: Readonly<Record<string, BundleFile>>): Set<string> {
	const seen = new Set<string>();
	const visit = (name: string) => {
		const file = bundle[name];
		if (file?.type !== 'chunk' || seen.has(name)) return;
		seen.add(name);
		for (const imported of file.imports ?? []) visit(imported);
	};
	for (const [name, file] of Object.entries(bundle)) if (file.isEntry) visit(name);
	return seen;
}

/** Prepends the hint to the first screen's chunks, after minification (which drops comments). */
export function compileHints(): Plugin {
	return {
		name: 'cachelab:compile-hints',
		apply: 'build',
		enforce: 'post',
		generateBundle: {
			// After Vite's own pass, which rewrites the entry chunk's code from what it rendered.
			order: 'post',
			handler(_options, bundle) {
				const files = bundle as unknown as Record<string, BundleFile>;
				for (const name of firstScreenChunks(files)) {
					const chunk = files[name]!;
					if (!chunk.code!.startsWith(EAGER_HINT)) chunk.code = EAGER_HINT + chunk.code;
				}
			},
		},
	};
}
