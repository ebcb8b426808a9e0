import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { expect, it } from 'vitest';
import { ApproxLruLab } from '../../app/labs-figure.svelte.ts';
import { antirezFigure, type FigureOptions } from '../../engine/experiments/index.ts';
import ApproxLruSection from './ApproxLruSection.svelte';

function setup() {
	const asked: FigureOptions[] = [];
	// A smaller maxmemory than the figure's 2 MB: the same experiment, fewer keys, a faster test.
	const lab = new ApproxLruLab({
		figure: async (o) => {
			asked.push(o);
			return antirezFigure({ ...o, maxmemory: 1_000_000 });
		},
	});
	render(ApproxLruSection, { lab });
	return { lab, asked, ui: within(screen.getByRole('region', { name: 'Approximated LRU' })) };
}

const rowOf = (table: HTMLElement, name: string) =>
	within(table)
		.getAllByRole('row')
		.find((r) => within(r).queryByRole('rowheader')?.textContent === name)!;

it("runs antirez's four panels and the learner's own, each beside real Redis's figure", async () => {
	const { asked, ui } = setup();
	const table = ui.getByRole('table', { name: /Oldest half evicted, engine and real Redis/ });
	await within(table).findByText('Your setting: samples 5, pool', {}, { timeout: 10_000 });
	expect(asked.map((o) => `${o.variant}/${o.samples}`)).toEqual([
		'true-lru/5',
		'no-pool/5',
		'pool/5',
		'pool/10',
		'pool/5',
	]);
	const cells = (name: string) =>
		within(rowOf(table, name))
			.getAllByRole('cell')
			.map((c) => c.textContent);
	expect(cells('True LRU').slice(0, 2)).toEqual(['100.0 %', '100 % (theory)']);
	expect(cells('Redis 3.0, samples 10 (pool)')[1]).toBe('91–92.5 %');
	expect(cells('Redis 2.8, samples 5 (no pool)')[1]).toBe('≈ 77 %');
	for (const name of ['Redis 3.0, samples 5 (pool)', 'Redis 3.0, samples 10 (pool)'])
		expect(cells(name)[0]).toMatch(/^\d{2,3}\.\d %$/);
	expect(ui.getByRole('img', { name: /^True LRU: \d+ old keys then \d+ added/ })).toBeTruthy();
}, 20_000);

it('the samples slider and the pool switch rerun only the learner’s panel', async () => {
	const { lab, asked, ui } = setup();
	await ui.findAllByText('Your setting: samples 5, pool', {}, { timeout: 10_000 });
	const slider = ui.getByRole('slider', { name: /maxmemory-samples/ });
	await fireEvent.input(slider, { target: { value: '3' } });
	await fireEvent.change(slider, { target: { value: '3' } });
	await fireEvent.click(ui.getByRole('checkbox', { name: /Eviction pool/ }));
	await ui.findAllByText('Your setting: samples 3, no pool', {}, { timeout: 10_000 });
	expect(asked.at(-1)).toEqual({ variant: 'no-pool', samples: 3 });
	// Not a measured setting: no real-Redis figure to print.
	const table = ui.getByRole('table', { name: /Oldest half evicted/ });
	expect(
		within(rowOf(table, 'Your setting: samples 3, no pool')).getAllByRole('cell')[1]?.textContent,
	).toBe('—');
	expect(lab.panels.every((p) => p.result)).toBe(true);
}, 20_000);
