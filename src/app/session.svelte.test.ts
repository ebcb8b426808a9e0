import { flushSync } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_START_MS, idleSecondsAt } from '../engine/index.ts';
import { Session } from './session.svelte.ts';

describe('Session', () => {
	it('runs console lines and shows their output with the prompt', () => {
		const s = new Session();
		s.submit('SET greeting hello');
		s.submit('GET greeting');
		expect(s.entries.map((e) => [e.prompt, e.input, e.output])).toEqual([
			['127.0.0.1:6379> ', 'SET greeting hello', 'OK'],
			['127.0.0.1:6379> ', 'GET greeting', '"hello"'],
		]);
		expect(s.view.keys.map((k) => k.name)).toEqual(['greeting']);
	});

	it('moves virtual time only when told to', () => {
		const s = new Session();
		s.playing = false;
		s.frame(1000);
		expect(s.view.now).toBe(DEFAULT_START_MS);
		s.playing = true;
		s.setSpeed(60);
		s.frame(1000);
		expect(s.now).toBe(DEFAULT_START_MS + 60_000);
		s.setSpeed(1);
		s.frame(0.4);
		s.frame(0.4);
		expect(s.now).toBe(DEFAULT_START_MS + 60_000);
		s.frame(0.4);
		expect(s.now).toBe(DEFAULT_START_MS + 60_001);
	});

	it('looks at the keyspace again while time plays only when something shown moved', () => {
		const s = new Session();
		s.submit('DEBUG SET-ACTIVE-EXPIRE 0');
		s.submit('SET k v EX 3600');
		s.setSpeed(600);
		const first = s.view;
		// 16 ms frames at 600×: ~10 virtual seconds each. Idle times move every frame, but they are
		// read from the key's stamp at `now`, so the table needs no new look for them.
		for (let i = 0; i < 7; i++) s.frame(16);
		expect(s.now).toBe(DEFAULT_START_MS + 7 * 9600);
		expect(s.view).toBe(first);
		const key = s.view.keys[0]!;
		expect(idleSecondsAt(s.view, key)).toBe(0);
		expect(idleSecondsAt(s.view, key, s.now)).toBe(67);
		// An engine change is looked at in the next frame (which moves the clock 9.6 s past the GET).
		s.engine.exec(['GET', 'k']);
		s.frame(16);
		expect(s.view).not.toBe(first);
		expect(idleSecondsAt(s.view, s.view.keys[0]!, s.now)).toBe(9);
		// A key passing its TTL is shown as a ghost in that same frame.
		s.setSpeed(1);
		s.submit('SET g v PX 20');
		const before = s.view;
		s.frame(16);
		expect(s.view).toBe(before);
		s.frame(16);
		expect(s.view).not.toBe(before);
		expect(s.view.keys.find((k) => k.name === 'g')?.isExpired).toBe(true);
	});

	it("with replyFirst, shows a typed line's reply first and the keyspace a frame later", () => {
		const s = new Session(1, { replyFirst: true });
		s.playing = false;
		expect(s.view.keys).toHaveLength(0); // as the page's panels keep reading it
		s.submit('SET greeting hello');
		expect(s.entries.map((e) => e.output)).toEqual(['OK']);
		expect(s.view.keys).toHaveLength(0);
		s.frame(16); // draws the reply
		expect(s.view.keys).toHaveLength(0);
		s.frame(16);
		expect(s.view.keys.map((k) => k.name)).toEqual(['greeting']);
		// A line that moves the clock itself is looked at at once.
		s.submit(':advance 5s');
		expect(s.view.now).toBe(DEFAULT_START_MS + 5000);
	});

	it('with replyFirst, follows what time did at most every 100 ms while the clock moves every frame', () => {
		const s = new Session(1, { replyFirst: true });
		s.playing = false;
		for (let i = 0; i < 40; i++) s.submit(`SET k${i} v EX ${10 + i * 10}`);
		s.frame(16);
		s.frame(16);
		expect(s.view.keys).toHaveLength(40);
		s.setSpeed(600);
		s.playing = true;
		// 16 ms frames at 600×: 9.6 virtual seconds each, so about one key expires per frame.
		const looks = new Set([s.view]);
		const times = new Set<number>();
		const lags: number[] = [];
		for (let i = 0; i < 14; i++) {
			s.frame(16);
			looks.add(s.view);
			times.add(s.now);
			lags.push(s.now - s.textNow);
		}
		expect(times.size).toBe(14);
		// The key table and the clock follow time at the same pace (the bars drain on by themselves).
		expect(Math.max(...lags)).toBe(6 * 9600);
		expect(lags[6]).toBe(0);
		// 14 frames of 16 ms: a new look after the 7th and the 14th (112 ms since the last each).
		expect(looks.size).toBe(3);
		expect(s.view.keys.length).toBeLessThan(40);
		// A typed line is still shown at once, and the keyspace right after it.
		s.submit('SET late v');
		s.frame(16);
		s.frame(16);
		expect(s.view.keys.some((k) => k.name === 'late')).toBe(true);
	});

	it('asks for animation frames only while a request crosses the stage; TTL bars drain at the speed', async () => {
		const s = new Session(1, { replyFirst: true });
		await s.ready();
		s.playing = false;
		s.submit('SET k v EX 100');
		s.setSpeed(600);
		expect(s.drainRate).toBe(0);
		expect(s.animating).toBe(false);
		s.playing = true;
		// A key with a TTL drains by its bar's own animation: no frame has to redraw it.
		expect(s.drainRate).toBe(600);
		expect(s.animating).toBe(false);
		s.recordFlow({ kind: 'request', userId: 1, ttlSeconds: 60 });
		expect(s.animating).toBe(true);
		s.playing = false;
		expect(s.animating).toBe(false);
		expect(s.drainRate).toBe(0);
	});

	it('steps back by replaying every earlier input from the seed', () => {
		const s = new Session();
		s.playing = false;
		s.submit('SET k v EX 10');
		s.advance(5000);
		s.submit('DEL k');
		expect(s.view.keys).toHaveLength(0);
		s.stepBack();
		expect(s.view.keys.map((k) => k.name)).toEqual(['k']);
		expect(s.view.now).toBe(DEFAULT_START_MS + 5000);
		expect(s.entries.map((e) => e.input)).toEqual(['SET k v EX 10']);
		s.stepBack();
		expect(s.view.now).toBe(DEFAULT_START_MS);
	});

	it('jumps just past the next expiry, leaving a ghost for lazy or active expiry', () => {
		const s = new Session();
		s.playing = false;
		s.submit('DEBUG SET-ACTIVE-EXPIRE 0');
		s.submit('SET k v PX 1500');
		s.jumpToNextExpiry();
		expect(s.view.keys[0]?.isExpired).toBe(true);
		s.submit('GET k');
		expect(s.view.keys).toHaveLength(0);
		return Promise.resolve().then(() => {
			expect(s.log.at(-1)?.text).toBe('k expired — lazily, found by GET');
		});
	});

	it('starts over with :seed, keeping nothing', () => {
		const s = new Session();
		s.submit('SET a 1');
		s.submit(':seed 9');
		expect(s.seed).toBe(9);
		expect(s.view.keys).toHaveLength(0);
		expect(s.entries).toHaveLength(0);
	});

	it('runs a list command typed before its code is in once it is, and the lines after it in order', async () => {
		vi.resetModules();
		const fresh = await import('./session.svelte.ts');
		const door = await import('../engine/index.ts');
		expect(door.allCommandsLoaded()).toBe(false);
		const s = new fresh.Session();
		expect(s.specs.some((c) => c.name === 'LPUSH')).toBe(false);
		s.submit('SET k v');
		s.submit('LPUSH recent a b');
		s.submit('3 RPUSH recent c');
		s.submit('GET k');
		// SET ran at once; LPUSH waits for its code and GET waits its turn behind it.
		expect(s.entries.map((e) => e.input)).toEqual(['SET k v']);
		await s.ready();
		await vi.waitFor(() => expect(s.entries).toHaveLength(4));
		expect(s.entries.map((e) => [e.input, e.output])).toEqual([
			['SET k v', 'OK'],
			['LPUSH recent a b', '(integer) 2'],
			['3 RPUSH recent c', '(integer) 3\n(integer) 4\n(integer) 5'],
			['GET k', '"v"'],
		]);
		expect(s.specs.some((c) => c.name === 'LPUSH')).toBe(true);
		s.submit('LLEN recent');
		expect(s.entries.at(-1)?.output).toBe('(integer) 5');
		// Once every command's code is in, even `help` (which lists them) answers at once.
		s.submit('help LLEN');
		expect(s.entries.at(-1)?.input).toBe('help LLEN');
	});

	it('redraws what reads canStepBack when it turns true, not with every line after', () => {
		const s = new Session();
		let runs = 0;
		const stop = $effect.root(() => {
			$effect(() => {
				void s.canStepBack;
				runs++;
			});
		});
		flushSync();
		for (const line of ['SET a 1', 'SET b 2', 'GET a', 'TTL a']) {
			s.submit(line);
			flushSync();
		}
		expect(s.canStepBack).toBe(true);
		expect(runs).toBe(2);
		stop();
	});
});
