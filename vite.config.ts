import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { defineConfig } from 'vitest/config';
import { compileHints } from './build/compile-hints.ts';

// `vite build` makes dist/: relative URLs (it runs from any sub-path of any static host) and a
// service worker that precaches the whole app, so it keeps working offline after the first visit.
// `vite build --mode single` makes dist-single/index.html: one self-contained file, lessons and
// labs inlined, that opens from file:// (a USB stick at a workshop); it needs no service worker.
export default defineConfig(({ mode }) => {
	const single = mode === 'single';
	return {
		base: './',
		plugins: [
			svelte(),
			compileHints(),
			single
				? viteSingleFile()
				: VitePWA({
						registerType: 'prompt',
						injectRegister: false,
						manifest: {
							name: 'Cache Lab',
							short_name: 'Cache Lab',
							description: 'A browser playground that teaches Redis as a cache.',
							start_url: './',
							scope: './',
							display: 'standalone',
							theme_color: '#1f2937',
							background_color: '#f5f6f8',
							icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' }],
						},
						workbox: {
							globPatterns: ['**/*.{js,css,html,svg,webmanifest}'],
							navigateFallback: 'index.html',
							// Lesson chapters and labs are separate chunks: precache them all.
							maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
						},
					}),
		],
		define: { __SINGLE_FILE__: JSON.stringify(single) },
		build: {
			target: 'es2022',
			outDir: single ? 'dist-single' : 'dist',
		},
		test: {
			projects: [
				{
					extends: true,
					test: {
						name: 'unit',
						environment: 'node',
						include: ['src/**/*.test.ts', 'tests/**/*.test.ts', 'build/**/*.test.ts'],
						exclude: ['**/*.svelte.test.ts', 'tests/e2e/**', 'node_modules/**'],
						setupFiles: ['tests/engine-setup.ts'],
					},
				},
				{
					extends: true,
					resolve: {
						conditions: ['module', 'browser', 'development|production'],
					},
					test: {
						name: 'component',
						environment: 'jsdom',
						include: ['src/**/*.svelte.test.ts'],
						setupFiles: ['tests/engine-setup.ts', 'tests/component-setup.ts'],
					},
				},
			],
		},
	};
});
