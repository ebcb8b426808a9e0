import { fireEvent, render, screen } from '@testing-library/svelte';
import { expect, it } from 'vitest';
import type { LabsClient } from '../../app/labs-client.ts';
import { LabsGate } from '../../app/labs-gate.svelte.ts';
import LabsScreen from './LabsScreen.svelte';

/** A client whose runs never finish: the screen's frame is what is tested here. */
function idleClient() {
	const calls = { disposed: 0, cancelled: 0 };
	const never = () => new Promise<never>(() => {});
	const client = {
		sweep: () => ({ result: never(), cancel: () => calls.cancelled++ }),
		overTime: never,
		figure: never,
		lfuTable: never,
		dispose: () => calls.disposed++,
	} as unknown as LabsClient;
	return { client, calls };
}

function setup() {
	const gate = new LabsGate();
	gate.show();
	const { client, calls } = idleClient();
	const view = render(LabsScreen, { gate, client });
	return { gate, calls, view };
}

it('opens on its heading with the three labs as named regions', () => {
	setup();
	expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Labs', level: 1 }));
	for (const name of ['Hit rate lab', 'Approximated LRU', 'LFU counter'])
		expect(screen.getByRole('region', { name })).toBeTruthy();
});

it('Escape and the back button close it and hand the focus back to the top bar', async () => {
	const { gate } = setup();
	await fireEvent.keyDown(window, { key: 'Escape' });
	expect(gate.open).toBe(false);
	expect(gate.returnFocus).toBe(true);
	gate.show();
	await fireEvent.click(screen.getByRole('button', { name: 'Back to the playground' }));
	expect(gate.open).toBe(false);
});

it('closing cancels a running sweep and ends the workers', async () => {
	const { calls, view } = setup();
	await fireEvent.click(screen.getByRole('button', { name: 'Run sweep' }));
	view.unmount();
	expect(calls.cancelled).toBe(1);
	expect(calls.disposed).toBe(1);
});
