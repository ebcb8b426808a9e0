import { describe, expect, it } from 'vitest';
import { ReplyBuffer } from './reply-buffer.ts';

describe('ReplyBuffer (rbs, rbp, obl)', () => {
	it('starts at 16 KB with its peak there, forgets the peak at the first cron visit, then shrinks', () => {
		const b = new ReplyBuffer(1_000_050);
		expect([b.size, b.peak]).toEqual([16384, 16384]);
		b.catchUp(1_000_099);
		expect([b.size, b.peak]).toEqual([16384, 16384]);
		b.catchUp(1_000_100);
		expect([b.size, b.peak]).toEqual([16384, 0]);
		b.add(300);
		b.written();
		b.catchUp(1_000_200);
		expect([b.size, b.peak]).toEqual([1024, 300]);
	});

	it('counts what a read left pending, capped at the buffer, and grows a buffer that filled', () => {
		const b = new ReplyBuffer(0);
		b.catchUp(200);
		expect(b.size).toBe(1024);
		b.add(700);
		b.add(700);
		expect([b.pos, b.peak]).toEqual([1024, 1024]);
		b.written();
		expect(b.pos).toBe(0);
		b.catchUp(300);
		expect(b.size).toBe(2048);
	});

	it('resets the peak every 5 seconds', () => {
		const b = new ReplyBuffer(0);
		b.catchUp(100);
		b.add(5000);
		b.written();
		b.catchUp(5000);
		expect(b.peak).toBe(5000);
		b.catchUp(5100);
		expect(b.peak).toBe(0);
	});
});

describe('ReplyBuffer catching up after a long idle time', () => {
	it('ends as stepping through every visit would, in a bounded number of steps', () => {
		const stepped = new ReplyBuffer(1_000_050);
		const jumped = new ReplyBuffer(1_000_050);
		for (const b of [stepped, jumped]) {
			b.add(300);
			b.written();
		}
		// An hour and a bit, stepped visit by visit against caught up at once, then one more read.
		const end = 1_000_050 + 3_712_345;
		for (let t = 1_000_050; t <= end; t += 100) stepped.catchUp(t);
		jumped.catchUp(end);
		for (const b of [stepped, jumped]) {
			b.add(2000);
			b.written();
		}
		for (const later of [end + 2_000, end + 4_900, end + 6_000]) {
			stepped.catchUp(later);
			jumped.catchUp(later);
			expect([jumped.size, jumped.peak]).toEqual([stepped.size, stepped.peak]);
		}
	});
});
