import { render, screen } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import { expect, it } from 'vitest';
import Region from './Region.svelte';

const text = (words: string) => createRawSnippet(() => ({ render: () => `<p>${words}</p>` }));

it('is a landmark named by its heading', () => {
	render(Region, { label: 'Keyspace', children: text('No keys yet') });
	const region = screen.getByRole('region', { name: 'Keyspace' });
	expect(region.tagName).toBe('SECTION');
	expect(region.textContent).toContain('No keys yet');
});

it('renders as a complementary landmark when asked', () => {
	render(Region, { label: 'Lesson', tag: 'aside', children: text('Lessons are coming') });
	expect(screen.getByRole('complementary', { name: 'Lesson' }).tagName).toBe('ASIDE');
});
