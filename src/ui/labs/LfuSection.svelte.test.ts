import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { expect, it } from 'vitest';
import { LFU_TABLE_RUNS, LfuLab } from '../../app/labs-lfu.svelte.ts';
import LfuSection from './LfuSection.svelte';

const TABLE = [
	[105, 255, 255, 255],
	[13, 50, 255, 255],
	[10, 21, 145, 255],
	[7, 10, 51, 153],
];

function setup() {
	let runs = 0;
	const lab = new LfuLab({
		lfuTable: async () => {
			runs++;
			return TABLE;
		},
	});
	render(LfuSection, { lab });
	return { lab, ui: within(screen.getByRole('region', { name: 'LFU counter' })), runs: () => runs };
}

it("shows the engine's counter beside redis.conf's for each factor and hits", async () => {
	const { ui } = setup();
	const table = ui.getByRole('table', { name: /LFU counter by lfu-log-factor and hits/ });
	await within(table).findByText('105');
	const row = (factor: string) =>
		within(table)
			.getAllByRole('row')
			.find((r) => within(r).queryByRole('rowheader')?.textContent === factor)!;
	expect(
		within(row('100'))
			.getAllByRole('cell')
			.map((c) => c.textContent?.replace(/\s+/g, ' ').trim()),
	).toEqual(['7 / 8', '10 / 11', '51 / 49', '153 / 143']);
});

it('Run again asks for new runs with another seed', async () => {
	const { lab, ui, runs } = setup();
	await ui.findAllByText('105');
	await fireEvent.click(ui.getByRole('button', { name: 'Run again' }));
	expect(lab.seed).toBe(2);
	expect(runs()).toBe(2 * LFU_TABLE_RUNS);
});

it('the decay demo reads the counter at the virtual minute chosen', async () => {
	const { lab, ui } = setup();
	lab.hits = 10;
	lab.factor = 0;
	lab.decayTime = 2;
	await fireEvent.input(ui.getByRole('slider', { name: /Idle for/ }), { target: { value: '6' } });
	// factor 0: every hit counts, 5 + 10 = 15; six idle minutes at one unit per 2 minutes: 12.
	const status = ui.getByText(/Counter after the hits/);
	expect(status.textContent?.replace(/\s+/g, ' ')).toContain('Counter after the hits: 15.');
	expect(status.textContent?.replace(/\s+/g, ' ')).toContain('After 6 idle minutes');
	expect(status.textContent?.replace(/\s+/g, ' ')).toMatch(/: 12\.$/);
});

it('each engine cell is the mean of the runs, to one decimal', async () => {
	let n = 0;
	// Runs alternate between two tables: every cell's mean is halfway.
	const lab = new LfuLab({
		lfuTable: async () => (n++ % 2 ? TABLE.map((r) => r.map((c) => c + 1)) : TABLE),
	});
	await lab.run();
	expect(lab.table?.[1]).toEqual([13.5, 50.5, 255.5, 255.5]);
});
