import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { expect, it } from 'vitest';
import { answer } from '../../app/labs-answer.ts';
import { LabsClient, type WorkerLike } from '../../app/labs-client.ts';
import { HitRateLab } from '../../app/labs-hit-rate.svelte.ts';
import type { LabsReply, LabsRequest } from '../../app/labs-protocol.ts';
import HitRateSection from './HitRateSection.svelte';

/** A worker that answers on a later task; `hold` keeps sweep jobs unanswered (a slow sweep). */
class FakeWorker implements WorkerLike {
	onmessage: ((e: { readonly data: LabsReply }) => void) | null = null;
	onerror: ((e: unknown) => void) | null = null;
	terminated = false;
	constructor(private readonly hold: boolean) {}
	postMessage(message: LabsRequest): void {
		if (this.hold && message.type === 'job') return;
		setTimeout(() => {
			if (!this.terminated) this.onmessage?.({ data: answer(message) });
		}, 0);
	}
	terminate(): void {
		this.terminated = true;
	}
}

function setup(hold = false) {
	const client = new LabsClient(async () => new FakeWorker(hold), 1);
	const lab = new HitRateLab(client);
	render(HitRateSection, { lab });
	const region = screen.getByRole('region', { name: 'Hit rate lab' });
	const ui = within(region);
	return { lab, ui };
}

async function smallWorkload(ui: ReturnType<typeof within>) {
	await fireEvent.input(ui.getByRole('spinbutton', { name: 'Keys (N)' }), {
		target: { value: '100' },
	});
	await fireEvent.input(ui.getByRole('spinbutton', { name: 'Requests' }), {
		target: { value: '1000' },
	});
	await fireEvent.input(ui.getByRole('spinbutton', { name: 'Seed' }), { target: { value: '9' } });
}

it('runs a sweep into the table, a row per policy and reference, percentages per size', async () => {
	const { ui } = setup();
	await smallWorkload(ui);
	await fireEvent.click(ui.getByRole('button', { name: 'Run sweep' }));
	const table = await ui.findByRole(
		'table',
		{ name: 'Hit rate by policy and memory' },
		{
			timeout: 10_000,
		},
	);
	const rows = within(table).getAllByRole('row').slice(1);
	expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual([
		'allkeys-lru',
		'allkeys-lfu',
		'allkeys-random',
		'volatile-lru',
		'volatile-lfu',
		'volatile-random',
		'volatile-ttl',
		'noeviction',
		'True LRU',
		"Belady's optimal",
	]);
	for (const row of rows)
		for (const cell of within(row).getAllByRole('cell'))
			expect(cell.textContent).toMatch(/^\d{1,3}\.\d %$/);
	expect(ui.getByText(/Numbers from seed/).textContent).toContain('seed 9');
	expect(ui.getByRole('img', { name: /Hit rate by cache size/ })).toBeTruthy();
	// No TTLs: the volatile-* policies and noeviction refuse fills once memory is full; allkeys-* never.
	const refused = ui.getByRole('table', { name: 'Writes refused with OOM by policy and memory' });
	const refusing = within(refused)
		.getAllByRole('rowheader')
		.map((h) => h.textContent);
	expect(refusing).toEqual([
		'volatile-lru',
		'volatile-lfu',
		'volatile-random',
		'volatile-ttl',
		'noeviction',
	]);
	expect(ui.getByRole('progressbar', { name: 'Sweep progress' }).getAttribute('value')).toBe('60');
}, 20_000);

it('Cancel stops the sweep, resets the progress and says it was cancelled', async () => {
	const { lab, ui } = setup(true);
	await smallWorkload(ui);
	await fireEvent.click(ui.getByRole('button', { name: 'Run sweep' }));
	await waitFor(() => expect(lab.total).toBe(60));
	expect((ui.getByRole('button', { name: 'Run sweep' }) as HTMLButtonElement).disabled).toBe(true);
	await fireEvent.click(ui.getByRole('button', { name: 'Cancel' }));
	expect(ui.getByText(/Sweep cancelled/)).toBeTruthy();
	expect(ui.getByRole('progressbar', { name: 'Sweep progress' }).getAttribute('value')).toBe('0');
	expect((ui.getByRole('button', { name: 'Cancel' }) as HTMLButtonElement).disabled).toBe(true);
	expect(ui.queryByRole('table', { name: 'Hit rate by policy and memory' })).toBeNull();
	expect(lab.status).toBe('cancelled');
});

it('an emptied number field runs with its lowest value, not NaN', () => {
	const client = new LabsClient(async () => new FakeWorker(false), 1);
	const lab = new HitRateLab(client);
	lab.keys = null as unknown as number;
	lab.requests = 5_000_000;
	expect(lab.workload()).toMatchObject({ keys: 100, requests: 200_000 });
});

it('gives the over-time chart its numbers as a table, a row per interval', async () => {
	const { lab, ui } = setup();
	await smallWorkload(ui);
	await fireEvent.click(ui.getByRole('button', { name: 'Run' }));
	const table = await ui.findByRole('table', { name: /over virtual time/ }, { timeout: 10_000 });
	await waitFor(() => expect(lab.overTimeSeed).toBe(9));
	const rows = within(table).getAllByRole('row').slice(1);
	expect(rows).toHaveLength(lab.overTime!.points.length);
	expect(rows.length).toBeGreaterThan(1);
	const first = lab.overTime!.points[0]!;
	expect(within(rows[0]!).getAllByRole('cell')[0]!.textContent).toMatch(
		String(Math.round(first.hitRate * 1000) / 10),
	);
});
