import { describe, expect, it } from 'vitest';
import { DEFAULT_START_MS } from '../engine/index.ts';
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
		expect(s.view.now).toBe(DEFAULT_START_MS + 60_000);
		s.setSpeed(1);
		s.frame(0.4);
		s.frame(0.4);
		expect(s.view.now).toBe(DEFAULT_START_MS + 60_000);
		s.frame(0.4);
		expect(s.view.now).toBe(DEFAULT_START_MS + 60_001);
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
});
