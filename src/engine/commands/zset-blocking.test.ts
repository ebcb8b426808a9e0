import { describe, expect, it } from 'vitest';
import { BLOCKED } from '../blocking.ts';
import { VirtualClock } from '../clock.ts';
import { createEngine, type Client, type Engine } from '../engine.ts';
import type { Reply } from '../reply.ts';

const bulk = (value: string): Reply => ({ type: 'bulk', value });
const dbl = (value: string): Reply => ({ type: 'double', value });
const arr = (...value: Reply[]): Reply => ({ type: 'array', value });
const NIL_ARRAY: Reply = { type: 'array', value: null };

function setup(): { engine: Engine; clock: VirtualClock } {
	const clock = new VirtualClock();
	return { engine: createEngine({ clock }), clock };
}

function waiter(engine: Engine): { client: Client; replies: Reply[] } {
	const replies: Reply[] = [];
	const client = engine.connect({ onReply: (r) => replies.push(r) });
	return { client, replies };
}

describe('BZPOPMIN, BZPOPMAX, BZMPOP', () => {
	it('pop at once from the first key with members, like ZPOPMIN with the key named', () => {
		const { engine } = setup();
		engine.exec(['ZADD', 'z', '1', 'a', '2', 'b']);
		expect(engine.exec(['BZPOPMIN', 'none', 'z', '0'])).toEqual(
			arr(bulk('z'), bulk('a'), dbl('1')),
		);
		expect(engine.exec(['BZPOPMAX', 'z', '0'])).toEqual(arr(bulk('z'), bulk('b'), dbl('2')));
		expect(engine.exec(['EXISTS', 'z'])).toEqual({ type: 'integer', value: 0 });
		engine.exec(['SET', 's', 'x']);
		expect(engine.exec(['BZPOPMIN', 's', '0'])).toEqual({
			type: 'error',
			value: 'WRONGTYPE Operation against a key holding the wrong kind of value',
		});
	});

	it('a blocked client is woken by another client’s ZADD, in the order clients blocked', () => {
		const { engine } = setup();
		const [a, b, c] = [waiter(engine), waiter(engine), waiter(engine)];
		expect(a.client.exec(['BZPOPMIN', 'lb', '0'])).toBe(BLOCKED);
		expect(b.client.exec(['BZPOPMAX', 'other', 'lb', '0'])).toBe(BLOCKED);
		expect(c.client.exec(['BZMPOP', '0', '1', 'lb', 'MIN', 'COUNT', '5'])).toBe(BLOCKED);
		engine.exec(['ZADD', 'lb', '10', 'x', '20', 'y', '30', 'z', '40', 'w']);
		expect(a.replies).toEqual([arr(bulk('lb'), bulk('x'), dbl('10'))]);
		expect(b.replies).toEqual([arr(bulk('lb'), bulk('w'), dbl('40'))]);
		expect(c.replies).toEqual([
			arr(bulk('lb'), arr(arr(bulk('y'), dbl('20')), arr(bulk('z'), dbl('30')))),
		]);
		expect(engine.exec(['EXISTS', 'lb'])).toEqual({ type: 'integer', value: 0 });
	});

	it('times out on the virtual clock with a nil array, and inside MULTI answers at once', () => {
		const { engine, clock } = setup();
		const w = waiter(engine);
		expect(w.client.exec(['BZPOPMIN', 'k', '2'])).toBe(BLOCKED);
		clock.advance(2000);
		expect(w.replies).toEqual([]);
		clock.advance(1);
		expect(w.replies).toEqual([NIL_ARRAY]);
		engine.exec(['MULTI']);
		engine.exec(['BZPOPMAX', 'k', '0']);
		expect(engine.exec(['EXEC'])).toEqual(arr(NIL_ARRAY));
	});

	it('parses the timeout and BZMPOP’s arguments as Redis does', () => {
		const { engine } = setup();
		const e = (value: string): Reply => ({ type: 'error', value });
		expect(engine.exec(['BZPOPMIN', 'k', '-1'])).toEqual(e('ERR timeout is negative'));
		expect(engine.exec(['BZPOPMIN', 'k', 'x'])).toEqual(
			e('ERR timeout is not a float or out of range'),
		);
		expect(engine.exec(['BZMPOP', '0', '0', 'k', 'MIN'])).toEqual(
			e('ERR numkeys should be greater than 0'),
		);
		expect(engine.exec(['BZMPOP', '0', '1', 'k', 'UP'])).toEqual(e('ERR syntax error'));
		expect(engine.exec(['COMMAND', 'GETKEYS', 'BZMPOP', '0', '2', 'a', 'b', 'MIN'])).toEqual(
			arr(bulk('a'), bulk('b')),
		);
	});
});
