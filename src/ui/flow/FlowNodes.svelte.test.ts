import { render, screen } from '@testing-library/svelte';
import { expect, it } from 'vitest';
import FlowNodes from './FlowNodes.svelte';
import { step } from './steps.test-util.ts';

it('says where the token is and labels each hop with its latest latency', () => {
	const steps = [
		step({ state: 'checkingCache', node: 'redis', latencyMs: 2 }),
		step({ state: 'readingDb', node: 'db', latencyMs: 151, at: 2 }),
	];
	const { container } = render(FlowNodes, { steps, current: steps[1]!, isRedisDown: false });
	expect(screen.getByRole('img').getAttribute('aria-label')).toBe(
		'The request is at the database: readingDb.',
	);
	expect(screen.getByText('2 ms')).toBeTruthy();
	expect(screen.getByText('151 ms')).toBeTruthy();
	expect(container.querySelector('.token')?.getAttribute('style')).toContain(
		'translate(196px, 110px)',
	);
});

it('draws Redis down as a cut, refused link', () => {
	const { container } = render(FlowNodes, { steps: [], current: null, isRedisDown: true });
	expect(screen.getByRole('img').getAttribute('aria-label')).toBe('No request yet. Redis is down.');
	expect(screen.getByText('down')).toBeTruthy();
	expect(screen.getByText('refused')).toBeTruthy();
	expect(container.querySelector('.token')).toBeNull();
});
