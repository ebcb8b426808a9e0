import { describe, expect, it } from 'vitest';
import { BLOCKED } from './blocking.ts';
import { VirtualClock } from './clock.ts';
import { createEngine, type Client, type Engine } from './engine.ts';
import type { EngineEvent } from './events.ts';
import type { Reply } from './reply.ts';

const bulk = (value: string | null): Reply => ({ type: 'bulk', value });
const pair = (key: string, value: string): Reply => ({
	type: 'array',
	value: [bulk(key), bulk(value)],
});
const NIL_ARRAY: Reply = { type: 'array', value: null };

function setup(): { engine: Engine; clock: VirtualClock } {
	const clock = new VirtualClock();
	return { engine: createEngine({ clock }), clock };
}

/** A connection whose late replies are collected, as a socket would write them. */
function waiter(engine: Engine): { client: Client; replies: Reply[] } {
	const replies: Reply[] = [];
	const client = engine.connect({ onReply: (r) => replies.push(r) });
	return { client, replies };
}

describe('blocking on the virtual clock', () => {
	it('BLPOP on empty keys blocks; a push from another client serves it at once', () => {
		const { engine } = setup();
		const w = waiter(engine);
		expect(w.client.exec(['BLPOP', 'a', 'b', '0'])).toBe(BLOCKED);
		expect(w.client.blocked).toBe(true);
		expect(engine.exec(['RPUSH', 'b', 'x', 'y'])).toEqual({ type: 'integer', value: 2 });
		expect(w.replies).toEqual([pair('b', 'x')]);
		expect(w.client.blocked).toBe(false);
		expect(engine.exec(['LRANGE', 'b', '0', '-1'])).toEqual({ type: 'array', value: [bulk('y')] });
		expect(engine.exec(['INFO', 'clients'])).toMatchObject({
			value: expect.stringContaining('blocked_clients:0'),
		});
	});

	it('serves waiters in the order they blocked, one element each, until the list is gone', () => {
		const { engine } = setup();
		const [a, b, c] = [waiter(engine), waiter(engine), waiter(engine)];
		for (const w of [a, b, c]) expect(w.client.exec(['BRPOP', 'q', '0'])).toBe(BLOCKED);
		engine.exec(['LPUSH', 'q', '1', '2']);
		expect(a.replies).toEqual([pair('q', '1')]);
		expect(b.replies).toEqual([pair('q', '2')]);
		expect(c.replies).toEqual([]);
		expect(c.client.blocked).toBe(true);
		expect(engine.exec(['EXISTS', 'q'])).toEqual({ type: 'integer', value: 0 });
	});

	it('times out with a nil array just after the deadline (Redis checks timeout < now)', () => {
		const { engine, clock } = setup();
		const w = waiter(engine);
		expect(w.client.exec(['BLPOP', 'k', '1.5'])).toBe(BLOCKED);
		expect(engine.exec(['INFO', 'clients'])).toMatchObject({
			value: expect.stringContaining('clients_in_timeout_table:1'),
		});
		clock.advance(1500);
		expect(w.replies).toEqual([]);
		clock.advance(1);
		expect(w.replies).toEqual([NIL_ARRAY]);
		expect(w.client.blocked).toBe(false);
	});

	it('rounds a timeout up to whole milliseconds: under 1 ms is 1 ms, not for ever', () => {
		const { engine, clock } = setup();
		const waits = ['0.0005', '1e-300', '0.0015', '-0.0009'].map((t) => {
			const w = waiter(engine);
			expect(w.client.exec(['BZPOPMIN', `z${t}`, t])).toBe(BLOCKED);
			return w;
		});
		clock.advance(2);
		expect(waits.map((w) => w.replies.length)).toEqual([1, 1, 0, 0]);
		clock.advance(1);
		// 1.5 ms waits 2 ms; -0.9 ms rounds up to 0, which is for ever.
		expect(waits.map((w) => w.replies.length)).toEqual([1, 1, 1, 0]);
		expect(engine.exec(['BLPOP', 'k', '-0.0011'])).toEqual({
			type: 'error',
			value: 'ERR timeout is negative',
		});
	});

	it('waits, in the timeout table, when the deadline overflows (7.0 adds the time unchecked)', () => {
		const { engine, clock } = setup();
		const w = waiter(engine);
		expect(w.client.exec(['BLPOP', 'k', '9223372036854775'])).toBe(BLOCKED);
		expect(engine.exec(['INFO', 'clients'])).toMatchObject({
			value: expect.stringContaining('clients_in_timeout_table:1'),
		});
		clock.advance(86_400_000);
		expect(w.replies).toEqual([]);
		engine.exec(['RPUSH', 'k', 'v']);
		expect(w.replies).toEqual([pair('k', 'v')]);
		// Just past LLONG_MAX ms once rounded up: LLONG_MIN, so "negative".
		expect(engine.exec(['BLPOP', 'k', '9223372036854775.8075'])).toEqual({
			type: 'error',
			value: 'ERR timeout is negative',
		});
	});

	it('waits forever with timeout 0', () => {
		const { engine, clock } = setup();
		const w = waiter(engine);
		w.client.exec(['BLMOVE', 'src', 'dst', 'LEFT', 'RIGHT', '0']);
		clock.advance(86_400_000);
		expect(w.client.blocked).toBe(true);
		engine.exec(['RPUSH', 'src', 'm']);
		expect(w.replies).toEqual([bulk('m')]);
		expect(engine.exec(['LRANGE', 'dst', '0', '-1'])).toEqual({
			type: 'array',
			value: [bulk('m')],
		});
	});

	it('serves a chain: BLMOVE’s push wakes the client waiting on its destination', () => {
		const { engine } = setup();
		const mover = waiter(engine);
		const last = waiter(engine);
		mover.client.exec(['BRPOPLPUSH', 'a', 'b', '0']);
		last.client.exec(['BLPOP', 'b', '0']);
		engine.exec(['RPUSH', 'a', 'v']);
		expect(mover.replies).toEqual([bulk('v')]);
		expect(last.replies).toEqual([pair('b', 'v')]);
		expect(engine.exec(['DBSIZE'])).toEqual({ type: 'integer', value: 0 });
	});

	it('ends a BLMOVE with WRONGTYPE when its destination is not a list', () => {
		const { engine } = setup();
		const w = waiter(engine);
		w.client.exec(['BLMOVE', 'a', 'str', 'LEFT', 'LEFT', '0']);
		engine.exec(['SET', 'str', 'x']);
		engine.exec(['RPUSH', 'a', 'v']);
		expect(w.replies).toEqual([
			{ type: 'error', value: 'WRONGTYPE Operation against a key holding the wrong kind of value' },
		]);
		expect(engine.exec(['LLEN', 'a'])).toEqual({ type: 'integer', value: 1 });
	});

	it('a key that comes back as another type does not serve a list waiter', () => {
		const { engine } = setup();
		const w = waiter(engine);
		w.client.exec(['BLPOP', 'k', '0']);
		engine.exec(['ZADD', 'k', '1', 'm']);
		expect(w.client.blocked).toBe(true);
		engine.exec(['DEL', 'k']);
		engine.exec(['RPUSH', 'k', 'v']);
		expect(w.replies).toEqual([pair('k', 'v')]);
	});

	it('BLMPOP wakes with up to COUNT elements as [key, [elements]]', () => {
		const { engine } = setup();
		const w = waiter(engine);
		w.client.exec(['BLMPOP', '0', '2', 'x', 'y', 'RIGHT', 'COUNT', '2']);
		engine.exec(['RPUSH', 'y', '1', '2', '3']);
		expect(w.replies).toEqual([
			{ type: 'array', value: [bulk('y'), { type: 'array', value: [bulk('3'), bulk('2')] }] },
		]);
	});

	it('inside MULTI answers at once; pushes in EXEC serve waiters after the transaction', () => {
		const { engine } = setup();
		const w = waiter(engine);
		w.client.exec(['BLPOP', 'k', '0']);
		const tx = engine.connect();
		tx.exec(['MULTI']);
		tx.exec(['BLPOP', 'none', '0']);
		tx.exec(['BLMOVE', 'none', 'd', 'LEFT', 'LEFT', '0']);
		tx.exec(['RPUSH', 'k', 'a', 'b']);
		tx.exec(['LLEN', 'k']);
		expect(tx.exec(['EXEC'])).toEqual({
			type: 'array',
			value: [NIL_ARRAY, bulk(null), { type: 'integer', value: 2 }, { type: 'integer', value: 2 }],
		});
		expect(w.replies).toEqual([pair('k', 'a')]);
	});

	it('a closed client stops waiting and takes nothing', () => {
		const { engine, clock } = setup();
		const w = waiter(engine);
		w.client.exec(['BLPOP', 'k', '5']);
		w.client.close();
		engine.exec(['RPUSH', 'k', 'v']);
		clock.advance(10_000);
		expect(w.replies).toEqual([]);
		expect(engine.exec(['LLEN', 'k'])).toEqual({ type: 'integer', value: 1 });
	});

	it('CLIENT UNBLOCK ends a wait as a timeout or an error; CLIENT LIST shows flag b', () => {
		const { engine } = setup();
		const w = waiter(engine);
		w.client.exec(['BLPOP', 'k', '0']);
		const line = engine.exec(['CLIENT', 'LIST', 'ID', String(w.client.id)]);
		expect(line).toMatchObject({ value: expect.stringContaining(' flags=b ') });
		expect(engine.exec(['CLIENT', 'UNBLOCK', String(w.client.id)])).toEqual({
			type: 'integer',
			value: 1,
		});
		expect(w.replies).toEqual([NIL_ARRAY]);
		w.client.exec(['BLPOP', 'k', '0']);
		engine.exec(['CLIENT', 'UNBLOCK', String(w.client.id), 'ERROR']);
		expect(w.replies[1]).toEqual({
			type: 'error',
			value: 'UNBLOCKED client unblocked via CLIENT UNBLOCK',
		});
		expect(engine.exec(['CLIENT', 'UNBLOCK', String(w.client.id)])).toEqual({
			type: 'integer',
			value: 0,
		});
		expect(engine.exec(['CLIENT', 'UNBLOCK', '1', 'later'])).toEqual({
			type: 'error',
			value: 'ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR',
		});
	});

	it('emits the blocked command’s event when it completes, with its final reply', () => {
		const { engine } = setup();
		const events: EngineEvent[] = [];
		engine.subscribe((e) => events.push(e));
		const w = waiter(engine);
		w.client.exec(['BLPOP', 'k', '0']);
		expect(events.filter((e) => e.type === 'command')).toEqual([]);
		// MONITOR's line, though, is fed as the command is called.
		expect(events).toEqual([
			{
				type: 'monitor',
				at: expect.any(Number),
				client: w.client.id,
				db: 0,
				argv: ['BLPOP', 'k', '0'],
			},
		]);
		engine.exec(['RPUSH', 'k', 'v']);
		const commands = events.filter((e) => e.type === 'command').map((e) => e.argv[0]);
		expect(commands).toEqual(['RPUSH', 'BLPOP']);
		expect(events.at(-1)).toMatchObject({ type: 'command', reply: pair('k', 'v') });
		expect(events.at(-1)).not.toHaveProperty('monitor');
	});
});

describe('SWAPDB and blocked clients', () => {
	it('serves a client blocked in db 0 when the swap brings its key there', () => {
		const { engine } = setup();
		const w = waiter(engine);
		expect(w.client.exec(['BLPOP', 'q', '0'])).toBe(BLOCKED);
		const other = engine.connect();
		other.exec(['SELECT', '1']);
		other.exec(['RPUSH', 'q', 'x', 'y']);
		expect(w.replies).toEqual([]);
		expect(other.exec(['SWAPDB', '0', '1'])).toEqual({ type: 'status', value: 'OK' });
		expect(w.replies).toEqual([pair('q', 'x')]);
		expect(w.client.blocked).toBe(false);
		// The client stays in db 0, which now holds what was db 1's list.
		expect(w.client.exec(['LRANGE', 'q', '0', '-1'])).toEqual({
			type: 'array',
			value: [bulk('y')],
		});
		expect(other.exec(['EXISTS', 'q'])).toEqual({ type: 'integer', value: 0 });
	});

	it('leaves a client blocked when the key the swap brings has expired (and deletes it)', () => {
		const { engine, clock } = setup();
		engine.exec(['DEBUG', 'SET-ACTIVE-EXPIRE', '0']);
		engine.exec(['SELECT', '1']);
		engine.exec(['RPUSH', 'k', 'hello']);
		engine.exec(['PEXPIRE', 'k', '100']);
		const w = waiter(engine);
		w.client.exec(['SELECT', '9']);
		expect(w.client.exec(['BRPOP', 'k', '1'])).toBe(BLOCKED);
		clock.advance(101);
		engine.exec(['SWAPDB', '1', '9']);
		expect(w.replies).toEqual([]);
		expect(w.client.blocked).toBe(true);
		expect(engine.exec(['INFO', 'stats'])).toMatchObject({
			value: expect.stringContaining('expired_keys:1'),
		});
	});

	it('leaves a client blocked when its key is not on the other side either', () => {
		const { engine } = setup();
		const w = waiter(engine);
		w.client.exec(['BLPOP', 'q', '0']);
		engine.exec(['SELECT', '1']);
		engine.exec(['RPUSH', 'elsewhere', 'x']);
		engine.exec(['SWAPDB', '0', '1']);
		expect(w.replies).toEqual([]);
		expect(w.client.blocked).toBe(true);
	});
});

describe('a client without a reply sink (the console)', () => {
	it('lets virtual time run to the timeout and returns nil', () => {
		const { engine, clock } = setup();
		const start = clock.now();
		expect(engine.exec(['BLPOP', 'k', '2'])).toEqual(NIL_ARRAY);
		expect(clock.now()).toBe(start + 2001);
	});

	it('is served by a write that a timer makes while it waits', () => {
		const { engine, clock } = setup();
		const other = engine.connect();
		const start = clock.now();
		clock.setTimeout(() => other.exec(['RPUSH', 'k', 'late']), 500);
		expect(engine.exec(['BLPOP', 'k', '5'])).toEqual(pair('k', 'late'));
		expect(clock.now()).toBe(start + 500);
	});

	it('cannot wait forever: timeout 0 answers nil at once and the clock stays', () => {
		const { engine, clock } = setup();
		const start = clock.now();
		expect(engine.exec(['BRPOP', 'k', '0'])).toEqual(NIL_ARRAY);
		expect(engine.exec(['BRPOPLPUSH', 'k', 'd', '0'])).toEqual(NIL_ARRAY);
		expect(clock.now()).toBe(start);
	});
});
