import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	// Relative asset URLs: dist/ runs from any sub-path of any static host.
	base: './',
	plugins: [svelte()],
	build: {
		target: 'es2022',
	},
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					environment: 'node',
					include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
					exclude: ['**/*.svelte.test.ts', 'tests/e2e/**', 'node_modules/**'],
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
					setupFiles: ['tests/component-setup.ts'],
				},
			},
		],
	},
});
