import { fireEvent, render, screen } from '@testing-library/svelte';
import { expect, it, vi } from 'vitest';
import Listing from './Listing.svelte';

const listing = {
	name: 'get_user' as const,
	lines: [
		{ number: 1, text: 'def get_user(user_id):' },
		{ number: 2, text: '    data = redis.get(cache_key)', id: 'get' },
	],
	current: 2,
};

it('highlights the current line and switches language', async () => {
	const onlanguage = vi.fn();
	render(Listing, { listing, language: 'python', onlanguage });
	const current = screen.getByText('data = redis.get(cache_key)').closest('li');
	expect(current?.getAttribute('aria-current')).toBe('step');
	expect(screen.getByRole('button', { name: 'Python' }).getAttribute('aria-pressed')).toBe('true');
	await fireEvent.click(screen.getByRole('button', { name: 'TypeScript' }));
	expect(onlanguage).toHaveBeenCalledWith('typescript');
});
