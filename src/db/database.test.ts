import { describe, expect, it } from 'vitest';
import { createDatabase } from './database.ts';

function setup(latency = {}) {
	let t = 1_000_000;
	const clock = { now: () => t, advance: (ms: number) => (t += ms) };
	const db = createDatabase({ now: clock.now, seed: 1, latency });
	return { clock, db };
}

describe('createDatabase', () => {
	it('reads a row by id with its SQL and latency as data', () => {
		const { db } = setup({ baseMs: 150, jitterMs: 0 });
		const r = db.select(123);
		expect(r.sql).toBe('SELECT * FROM users WHERE id = 123');
		expect(r.rows).toHaveLength(1);
		expect(r.rows[0]?.id).toBe(123);
		expect(r.latencyMs).toBe(150);
		expect(db.select(5000).rows).toEqual([]);
		expect(db.log().map((e) => e.sql)).toEqual([
			'SELECT * FROM users WHERE id = 123',
			'SELECT * FROM users WHERE id = 5000',
		]);
	});

	it('updates fields, bumps the version and stamps updated_at', () => {
		const { db, clock } = setup();
		clock.advance(5000);
		const r = db.update(123, { name: 'Bob' });
		expect(r.sql).toBe("UPDATE users SET name = 'Bob', version = 2 WHERE id = 123");
		expect(r.rows[0]).toMatchObject({ id: 123, name: 'Bob', version: 2 });
		expect(db.peek(123)).toMatchObject({ name: 'Bob', version: 2 });
		expect(db.peek(123)?.updated_at).toBe(new Date(1_005_000).toISOString());
		expect(db.update(123, { role: 'admin' }).sql).toBe(
			"UPDATE users SET role = 'admin', version = 3 WHERE id = 123",
		);
		expect(db.update(9999, { name: 'x' }).rows).toEqual([]);
	});

	it('peek is free: no query, no log', () => {
		const { db } = setup();
		db.peek(1);
		expect(db.stats().queries).toBe(0);
		expect(db.log()).toEqual([]);
	});

	it('slows everyone down under a herd of misses, and counts it', () => {
		const { db, clock } = setup({ baseMs: 100, jitterMs: 0, maxConcurrent: 4 });
		const herd = Array.from({ length: 40 }, (_, i) => db.select(i + 1));
		expect(herd[0]?.latencyMs).toBe(100);
		expect(herd[39]?.latencyMs).toBe(1000);
		expect(herd[39]?.queuedMs).toBe(900);
		expect(db.stats()).toMatchObject({
			queries: 40,
			reads: 40,
			busyMs: 4000,
			queueLength: 36,
			maxQueueLength: 36,
			inFlight: 40,
		});
		expect(db.queriesInWindow(1000)).toBe(40);
		clock.advance(550);
		expect(db.stats()).toMatchObject({ queueLength: 16, inFlight: 20 });
		// A lone query issued now waits behind the whole line.
		expect(db.select(1).latencyMs).toBe(550);
		clock.advance(2000);
		expect(db.stats().queueLength).toBe(0);
		expect(db.queriesInWindow(1000)).toBe(0);
	});

	it('fails at once while offline', () => {
		const { db } = setup();
		db.isOffline = true;
		const r = db.select(1);
		expect(r.error).toMatch(/Connection refused/);
		expect(r.rows).toEqual([]);
		expect(db.update(1, { name: 'x' }).error).toBeDefined();
		expect(db.peek(1)?.version).toBe(1);
		expect(db.stats()).toMatchObject({ queries: 2, failed: 2, reads: 0, writes: 0 });
		db.isOffline = false;
		expect(db.select(1).rows).toHaveLength(1);
	});

	it('continues from a snapshot exactly', () => {
		const { db, clock } = setup();
		db.select(1);
		db.update(2, { name: 'Zed' });
		const snap = db.snapshot();
		const copy = createDatabase({ now: clock.now, seed: 1 }, snap);
		expect(copy.select(3)).toEqual(db.select(3));
		expect(copy.peek(2)).toEqual(db.peek(2));
		expect(copy.stats()).toEqual(db.stats());
	});
});
