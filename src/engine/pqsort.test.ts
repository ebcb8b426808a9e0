import { describe, expect, it } from 'vitest';
import { pqsort } from './pqsort.ts';
import { Random } from './random.ts';

const byNumber = (a: number, b: number) => a - b;

describe('pqsort', () => {
	it('puts the right elements in the asked window, for many sizes and windows', () => {
		const rng = new Random(7);
		const wrong: string[] = [];
		for (let n = 0; n <= 120; n += n < 20 ? 1 : 7)
			for (let trial = 0; trial < 6; trial++) {
				const v = Array.from({ length: n }, () => Math.floor(rng.next() * 50));
				const sorted = [...v].sort(byNumber);
				const l = Math.floor(rng.next() * Math.max(1, n));
				const r = Math.min(n - 1, l + Math.floor(rng.next() * 10));
				const got = [...v];
				pqsort(got, byNumber, l, r);
				if (got.slice(l, r + 1).join() !== sorted.slice(l, r + 1).join())
					wrong.push(`n=${n} [${l}, ${r}]`);
				// Nothing is lost or duplicated.
				if ([...got].sort(byNumber).join() !== sorted.join()) wrong.push(`n=${n} permutation`);
			}
		expect(wrong).toEqual([]);
	});

	it('sorts fully when the window is the whole array', () => {
		const v = [5, 3, 9, 1, 7, 2, 8, 6, 4, 0, 15, 13, 19, 11, 17, 12, 18, 16, 14, 10];
		pqsort(v, byNumber, 0, v.length - 1);
		expect(v).toEqual([...Array(20).keys()]);
	});

	it('leaves equal elements where its swaps put them, as Redis does (not a stable sort)', () => {
		// SORT letters BY nokey_* ALPHA LIMIT 0 3 on c b a d e f g h answers h b a in 7.0.15.
		const v = [...'cbadefgh'];
		pqsort(v, () => 0, 0, 2);
		expect(v.slice(0, 3).join('')).toBe('hba');
	});

	it('finishes a partition that swapped nothing by its own swaps, not by insertion sort', () => {
		// SORT seven BY w_*->f ALPHA LIMIT 0 6, a..g with only d weighted, answers g b c a e f in
		// 7.0.15: the pivot d goes to the front, nothing moves past it, and the last step swaps it
		// with g. The BSD shortcut this file no longer has would have answered b c a e f g.
		const v = [...'abcdefg'];
		const weighted = (x: string) => (x === 'd' ? 1 : 0);
		pqsort(v, (a, b) => weighted(a) - weighted(b), 0, 5);
		expect(v.join('')).toBe('gbcaefd');
	});
});
