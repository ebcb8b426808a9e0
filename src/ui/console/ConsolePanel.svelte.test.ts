import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, expect, it } from 'vitest';
import { Session } from '../../app/session.svelte.ts';
import ConsolePanel from './ConsolePanel.svelte';

const BROKEN = 'SET user:456:profile "{"name": "Alice"}"';

function setup() {
	const session = new Session();
	session.playing = false;
	render(ConsolePanel, { session });
	const input = screen.getByRole<HTMLInputElement>('textbox', { name: 'Redis command' });
	const output = screen.getByRole('list', { name: 'Console output' });
	const type = (value: string) => fireEvent.input(input, { target: { value } });
	const press = (key: string, init: KeyboardEventInit = {}) =>
		fireEvent.keyDown(input, { key, ...init });
	const enter = async (line: string) => {
		await type(line);
		await press('Enter');
	};
	const entries = () => within(output).queryAllByRole('listitem');
	return { session, input, output, type, press, enter, entries };
}

beforeEach(() => localStorage.clear());

it('runs a typed line on Enter and shows the reply under the prompt', async () => {
	const { input, enter, entries } = setup();
	await enter('SET greeting hello');
	await enter('GET greeting');
	const shown = entries().map((li) => [
		li.querySelector('.input')?.textContent,
		li.querySelector('.output')?.textContent,
	]);
	expect(shown).toEqual([
		['127.0.0.1:6379> SET greeting hello', 'OK'],
		['127.0.0.1:6379> GET greeting', '"hello"'],
	]);
	expect(input.value).toBe('');
});

it('shows replies in redis-cli format, errors included', async () => {
	const { enter, output } = setup();
	await enter('TTL nothing');
	await enter('GETT x');
	const text = output.textContent ?? '';
	expect(text).toContain('(integer) -2');
	expect(text).toMatch(/\(error\) ERR unknown command 'GETT'/);
});

it('browses history with ↑ and ↓', async () => {
	const { input, enter, press } = setup();
	await enter('SET a 1');
	await enter('GET a');
	await press('ArrowUp');
	expect(input.value).toBe('GET a');
	await press('ArrowUp');
	expect(input.value).toBe('SET a 1');
	await press('ArrowUp');
	expect(input.value).toBe('SET a 1');
	await press('ArrowDown');
	expect(input.value).toBe('GET a');
	await press('ArrowDown');
	expect(input.value).toBe('');
});

it('keeps history across sessions (reloads)', async () => {
	const first = setup();
	await first.enter('SET kept 1');
	// History is stored when the page is idle, or at once as it goes away (pagehide).
	first.session.flushHistory();
	cleanup();
	const second = setup();
	await second.press('ArrowUp');
	expect(second.input.value).toBe('SET kept 1');
});

it('completes an existing key with Tab, and a command name', async () => {
	const { session, input, type, press } = setup();
	session.submit('SET user:456:profile x');
	await type('GET user:4');
	await press('Tab');
	expect(input.value).toBe('GET user:456:profile');
	await type('SETE');
	await press('Tab');
	expect(input.value).toBe('SETEX ');
});

it('hints the arguments still to type: `SETEX ` reads `key seconds value`', async () => {
	const { input, type } = setup();
	await type('SETEX ');
	const field = input.closest('.field');
	expect(field?.querySelector('.hint')?.textContent).toBe('key seconds value');
	const describedBy = document.getElementById(input.getAttribute('aria-describedby') ?? '');
	expect(describedBy?.textContent?.trim()).toBe('SETEX key seconds value');
	await type('SETEX user:1 ');
	expect(field?.querySelector('.hint')?.textContent).toBe('seconds value');
});

it('explains Invalid argument(s) and runs the offered fix', async () => {
	const { session, enter, entries } = setup();
	await enter(BROKEN);
	const [entry] = entries();
	expect(entry?.textContent).toContain('Invalid argument(s)');
	const note = within(entry!).getByRole('note');
	expect(note.textContent).toContain('a closing quote must be followed by a space');
	const fix = within(note).getByRole('button', { name: /Run the fixed line/ });
	expect(fix.textContent).toContain(`SET user:456:profile '{"name": "Alice"}'`);
	expect(session.view.keys).toHaveLength(0);
	await fireEvent.click(fix);
	expect(entries().at(-1)?.textContent).toContain('OK');
	expect(session.view.keys.map((k) => k.preview)).toEqual(['{"name": "Alice"}']);
});

it('clears the scrollback on Ctrl+L, keeping the line being typed', async () => {
	const { input, enter, type, press, entries, output } = setup();
	await enter('SET a 1');
	expect(entries()).toHaveLength(1);
	await type('GET a');
	await press('l', { ctrlKey: true });
	expect(output.textContent).not.toContain('SET a 1');
	expect(input.value).toBe('GET a');
});

it('runs `clear` like redis-cli', async () => {
	const { enter, output } = setup();
	await enter('SET a 1');
	await enter('clear');
	expect(output.textContent).not.toContain('SET a 1');
});

it('moves the clock with :advance, so TTL counts down', async () => {
	const { enter, entries } = setup();
	await enter('SETEX user:456:profile 300 x');
	await enter('TTL user:456:profile');
	expect(entries().at(-1)?.textContent).toContain('(integer) 300');
	await enter(':advance 301s');
	await enter('TTL user:456:profile');
	expect(entries().at(-1)?.textContent).toContain('(integer) -2');
});

it('takes the tone from the reply, one list item per typed line', async () => {
	const { enter, entries } = setup();
	await enter('3 INCR counter');
	await enter('2 GETT x');
	await enter('SET quoted "(error) not really"');
	await enter('GET quoted');
	const [repeated, failed, , got] = entries();
	expect(entries()).toHaveLength(4);
	expect(repeated?.querySelector('.output')?.textContent).toBe(
		'(integer) 1\n(integer) 2\n(integer) 3',
	);
	expect(repeated?.classList.contains('reply')).toBe(true);
	expect(failed?.classList.contains('error')).toBe(true);
	expect(failed?.querySelector('.output')?.textContent?.split('\n')).toHaveLength(2);
	expect(got?.querySelector('.output')?.textContent).toBe('"(error) not really"');
	expect(got?.classList.contains('reply')).toBe(true);
});

it('answers help TTL and help EXPIREAT with the special replies and where Unix time is', async () => {
	const { enter, entries } = setup();
	await enter('help TTL');
	const ttl = entries().at(-1)!;
	expect(ttl.querySelector('.output')?.textContent).toContain('  TTL key');
	const ttlNotes = within(ttl).getByRole('note').textContent ?? '';
	expect(ttlNotes).toMatch(/-2 means the key does not exist/);
	expect(ttlNotes).toMatch(/-1 means it exists but has no TTL/);
	await enter('help expireat');
	const at = within(entries().at(-1)!).getByRole('note').textContent ?? '';
	expect(at).toMatch(/absolute Unix time in seconds/);
	expect(at).toMatch(/header shows the current Unix time/);
	expect(at).toMatch(/TIME/);
	expect(at).toMatch(/-2 means/);
	await enter('help GET');
	expect(within(entries().at(-1)!).queryByRole('note')).toBeNull();
});

it('shows meta-command outcomes in the console’s own words', async () => {
	const { enter, entries } = setup();
	await enter(':advance 90s');
	expect(entries().at(-1)?.querySelector('.output')?.textContent).toBe(
		'Clock moved forward 1m 30s.',
	);
	expect(entries().at(-1)?.classList.contains('local')).toBe(true);
	await enter(':speed 7');
	expect(entries().at(-1)?.textContent).toContain('Usage: :speed <1|10|60|600>');
	await enter('0 PING');
	expect(entries().at(-1)?.classList.contains('error')).toBe(true);
});
