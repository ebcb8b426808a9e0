import { describe, expect, it } from 'vitest';
import { newest } from './newest.ts';

describe('newest', () => {
	const all = Array.from({ length: 10 }, (_, i) => i);

	it('gives the last n items that pass, oldest first, as filter then slice would', () => {
		const odd = (x: number) => x % 2 === 1;
		expect(newest(all, odd, 3)).toEqual([5, 7, 9]);
		expect(newest(all, odd, 3)).toEqual(all.filter(odd).slice(-3));
		expect(newest(all, () => true, 20)).toEqual(all);
		expect(newest(all, () => false, 3)).toEqual([]);
		expect(newest([], () => true, 3)).toEqual([]);
	});

	it('stops reading once it has n', () => {
		const read: number[] = [];
		newest(all, (x) => (read.push(x), true), 2);
		expect(read).toEqual([9, 8]);
	});
});
