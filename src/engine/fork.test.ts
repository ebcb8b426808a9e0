import { describe, expect, it } from 'vitest';
import { VirtualClock } from './clock.ts';
import { createEngine, type Engine } from './engine.ts';

const START = 1_767_268_800_000;

/** What can be compared between two engines: every key with its PTTL, and INFO's stats. */
function state(e: Engine): { keys: string[]; info: string } {
	const keys = e
		.inspect(0)
		.keys.map((k) => k.name)
		.sort();
	const pttl = keys.map((k) => `${k}:${String(e.exec(['PTTL', k]).value)}`);
	const info = ['stats', 'persistence', 'keyspace', 'commandstats', 'errorstats']
		.map((s) => String(e.exec(['INFO', s]).value))
		.join('');
	return { keys: pttl, info };
}

/** Records the keys an engine evicts or expires, in order. */
function recorder(e: Engine): string[] {
	const seen: string[] = [];
	e.subscribe((ev) => {
		if (ev.type === 'evicted') seen.push(`evicted ${ev.key}`);
		if (ev.type === 'expired') seen.push(`expired ${ev.db}:${ev.key} ${ev.how}`);
	});
	return seen;
}

/** Drives an engine through the same inputs: time, a few writes, more time. */
function drive(e: Engine): void {
	for (let i = 0; i < 12; i++) {
		e.clock.advance(37);
		e.exec(['SET', `w${i}`, 'x'.repeat(200), 'PX', String(150 + 40 * i)]);
		e.exec(['GET', `k:${i * 7}`]);
	}
	e.clock.advance(5_000);
	e.exec(['DBSIZE']);
}

describe('fork() continues exactly as the original', () => {
	it('with every TTL where it was, on every type and in every database', () => {
		const e = createEngine({ clock: new VirtualClock(START), seed: 7 });
		for (const db of ['0', '3']) {
			e.exec(['SELECT', db]);
			e.exec(['SET', 's', 'v', 'PX', '900']);
			e.exec(['SET', 'plain', 'v']);
			e.exec(['RPUSH', 'l', 'a']);
			e.exec(['PEXPIRE', 'l', '1200']);
			e.exec(['HSET', 'h', 'f', 'v']);
			e.exec(['EXPIRE', 'h', '5']);
		}
		const ttls = (x: Engine) =>
			['0', '3'].flatMap((db) => {
				x.exec(['SELECT', db]);
				return ['s', 'plain', 'l', 'h'].map((k) => x.exec(['PTTL', k]).value);
			});
		const f = e.fork();
		expect(ttls(f)).toEqual([900, -1, 1200, 5000, 900, -1, 1200, 5000]);
		e.clock.advance(1000);
		f.clock.advance(1000);
		expect(ttls(f)).toEqual([-2, -1, 200, 4000, -2, -1, 200, 4000]);
		expect(ttls(e)).toEqual(ttls(f));
	});

	it('while an eviction round cut short by the tenacity budget is still pending', () => {
		const e = createEngine({ clock: new VirtualClock(START), seed: 3 });
		e.exec(['CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru']);
		e.exec(['CONFIG', 'SET', 'maxmemory-eviction-tenacity', '0']);
		e.exec(['DEBUG', 'POPULATE', '3000', 'k', '500']);
		e.clock.advance(1_000);
		e.exec(['CONFIG', 'SET', 'maxmemory', '1mb']);
		// The drop was too big for one pass: the eviction timer is due and keys are still over.
		expect(e.clock.nextTimerAt()).not.toBeNull();
		expect(e.usedMemory()).toBeGreaterThan(1024 * 1024);
		const f = e.fork();
		const a = recorder(e);
		const b = recorder(f);
		drive(e);
		drive(f);
		expect(a.length).toBeGreaterThan(100);
		expect(b).toEqual(a);
		expect(state(f)).toEqual(state(e));
	});

	it('between cron ticks, with the active expire cycle part-way through its keys', () => {
		const e = createEngine({ clock: new VirtualClock(START), seed: 5 });
		// Two databases; the cycle runs out of time in the bigger one, so where it resumes matters.
		for (const [db, n] of [
			['1', 4000],
			['0', 40000],
		] as const) {
			e.exec(['SELECT', db]);
			e.exec(['DEBUG', 'POPULATE', String(n), 'k', '10']);
			for (let i = 0; i < n; i += 2) e.exec(['PEXPIRE', `k:${i}`, String(400 + (i % 900))]);
		}
		// Mid-way between two ticks, the last of which hit its time limit in db 0.
		e.clock.advance(850);
		const f = e.fork();
		const a = recorder(e);
		const b = recorder(f);
		drive(e);
		drive(f);
		expect(a.filter((s) => s.endsWith('active')).length).toBeGreaterThan(100);
		expect(b).toEqual(a);
		expect(state(f)).toEqual(state(e));
	});

	it('with a bgsave child running and the main client inside MULTI', () => {
		const e = createEngine({ clock: new VirtualClock(START) });
		e.exec(['SET', 'a', '1']);
		e.exec(['BGSAVE']);
		e.exec(['SELECT', '2']);
		e.exec(['MULTI']);
		e.exec(['SET', 'b', '2']);
		const f = e.fork();
		for (const x of [e, f]) {
			expect(x.exec(['EXEC'])).toEqual({ type: 'array', value: [{ type: 'status', value: 'OK' }] });
			x.clock.advance(200);
		}
		expect(f.exec(['LASTSAVE'])).toEqual(e.exec(['LASTSAVE']));
		expect(f.snapshotKeys()).toBe(1);
		expect(state(f)).toEqual(state(e));
	});
});

describe('fork() and the host', () => {
	it("a fork's CONFIG SET port is only stored: the host's apply step is the original's alone", () => {
		const asked: string[] = [];
		const e = createEngine({
			applyConfig: (name, value) => (asked.push(`${name}=${value}`), null),
		});
		const f = e.fork();
		expect(f.exec(['CONFIG', 'SET', 'port', '7000'])).toEqual({ type: 'status', value: 'OK' });
		expect(f.exec(['CONFIG', 'GET', 'port'])).toMatchObject({
			value: [{ value: 'port' }, { value: '7000' }],
		});
		expect(asked).toEqual([]);
		e.exec(['CONFIG', 'SET', 'port', '7001']);
		expect(asked).toEqual(['port=7001']);
	});
});
