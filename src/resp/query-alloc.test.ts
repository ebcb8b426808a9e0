import { describe, expect, it } from 'vitest';
import { QueryAlloc, queryBufferMalloc } from './query-alloc.ts';

const T0 = 1_000_000_000_000;

describe('QueryAlloc: the query buffer size CLIENT LIST reports', () => {
	it('holds 4 bytes before the first read; a first read makes room for 16 KB (20474 usable)', () => {
		const q = new QueryAlloc(T0);
		expect(q.alloc).toBe(4);
		expect(queryBufferMalloc(q.alloc)).toBe(8);
		q.beforeRead(0, false);
		q.afterRead(30, T0);
		expect(q.alloc).toBe(20474);
		expect(queryBufferMalloc(q.alloc)).toBe(20480);
		// A later read with 16 KB still free keeps the buffer as it is.
		q.beforeRead(0, false);
		expect(q.alloc).toBe(20474);
	});

	it('grows greedily when a read finds less than 16 KB free', () => {
		const q = new QueryAlloc(T0);
		q.beforeRead(0, false);
		q.afterRead(16384, T0);
		// 10 KB of a command left over: (10240 + 16384) × 2 bytes asked for, in the 56 KB class.
		q.beforeRead(10240, false);
		expect(q.alloc).toBe(57344 - 5 - 1);
	});

	it('gives the space of a client idle for more than 2 s back (whole seconds, as unixtime)', () => {
		const q = new QueryAlloc(T0);
		q.beforeRead(0, false);
		q.afterRead(30, T0);
		q.catchUp(T0 + 2900, 0, -1);
		expect(q.alloc).toBe(20474);
		q.catchUp(T0 + 3000, 0, -1);
		expect(q.alloc).toBe(0);
	});

	it('keeps a buffer with 4 KB free or less, however idle', () => {
		const q = new QueryAlloc(T0);
		q.beforeRead(0, false);
		q.afterRead(17000, T0);
		q.catchUp(T0 + 10_000, 17000, -1);
		expect(q.alloc).toBe(20474);
	});

	it('a big bulk gets a buffer of its size, left for the next one, then trimmed to the peak', () => {
		const q = new QueryAlloc(T0);
		q.beforeRead(0, false);
		q.afterRead(16384, T0);
		q.bigBulk(400_000);
		expect(q.alloc).toBe(458752 - 9 - 1);
		q.afterRead(400_000, T0);
		q.bigBulkTaken(400_000);
		expect(q.alloc).toBe(458752 - 9 - 1);
		// The cron's first visit saw the peak of the big read; the next trims to what came since.
		q.catchUp(T0 + 100, 0, -1);
		expect(q.alloc).toBe(458742);
		q.afterRead(40, T0 + 150);
		q.catchUp(T0 + 200, 0, -1);
		expect(q.alloc).toBe(40);
	});
});

describe('QueryAlloc catching up after a long idle time', () => {
	it('ends as stepping through every visit would, in a bounded number of steps', () => {
		const day = 24 * 3600 * 1000;
		const stepped = new QueryAlloc(T0);
		const jumped = new QueryAlloc(T0);
		for (const q of [stepped, jumped]) {
			q.beforeRead(0, false);
			q.afterRead(1000, T0);
		}
		for (let t = T0; t <= T0 + 30_000; t += 1000) stepped.catchUp(t, 1000, -1);
		jumped.catchUp(T0 + 30_000, 1000, -1);
		expect(jumped.alloc).toBe(stepped.alloc);
		expect(jumped.alloc).toBe(1000);
		const t0 = performance.now();
		jumped.catchUp(T0 + 30 * day, 1000, -1);
		expect(performance.now() - t0).toBeLessThan(50);
		expect(jumped.alloc).toBe(1000);
	});
});
