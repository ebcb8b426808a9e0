// Mirrors src/pqsort.c: Bentley & McIlroy's quicksort (as in the BSD libc) that skips every
// partition lying wholly outside the range [lrange, rrange] of positions asked for. SORT … BY …
// LIMIT uses it, and it is not stable: elements that compare equal come out in the order its swaps
// leave them, which this reproduces swap for swap. Redis's copy no longer has the BSD shortcut that
// finished a partition by insertion sort when it swapped nothing (quadratic on some inputs), so
// neither does this one: with it, seven elements of which only one has a weight came out in
// another order than a real server gives.

type Compare<T> = (a: T, b: T) => number;

function swap<T>(v: T[], i: number, j: number): void {
	const t = v[i]!;
	v[i] = v[j]!;
	v[j] = t;
}

/** Swaps the `n` elements from `i` with the `n` from `j`, pairwise. */
function vecswap<T>(v: T[], i: number, j: number, n: number): void {
	for (let k = 0; k < n; k++) swap(v, i + k, j + k);
}

/** The index of the median of three. */
function med3<T>(v: T[], a: number, b: number, c: number, cmp: Compare<T>): number {
	return cmp(v[a]!, v[b]!) < 0
		? cmp(v[b]!, v[c]!) < 0
			? b
			: cmp(v[a]!, v[c]!) < 0
				? c
				: a
		: cmp(v[b]!, v[c]!) > 0
			? b
			: cmp(v[a]!, v[c]!) < 0
				? a
				: c;
}

function insertionSort<T>(v: T[], lo: number, n: number, cmp: Compare<T>): void {
	for (let m = lo + 1; m < lo + n; m++)
		for (let l = m; l > lo && cmp(v[l - 1]!, v[l]!) > 0; l--) swap(v, l, l - 1);
}

/** Does the block of `n` elements from `lo` hold any position of [lrange, rrange]? */
const overlaps = (lo: number, n: number, lrange: number, rrange: number) =>
	!((lrange < lo && rrange < lo) || (lrange >= lo + n && rrange >= lo + n));

function partialSort<T>(v: T[], lo: number, n: number, cmp: Compare<T>, l: number, r: number) {
	for (;;) {
		if (n < 7) return insertionSort(v, lo, n, cmp);
		let pm = lo + Math.floor(n / 2);
		if (n > 7) {
			let pl = lo;
			let pn = lo + n - 1;
			if (n > 40) {
				const d = Math.floor(n / 8);
				pl = med3(v, pl, pl + d, pl + 2 * d, cmp);
				pm = med3(v, pm - d, pm, pm + d, cmp);
				pn = med3(v, pn - 2 * d, pn - d, pn, cmp);
			}
			pm = med3(v, pl, pm, pn, cmp);
		}
		swap(v, lo, pm);
		let pa = lo + 1;
		let pb = pa;
		let pc = lo + n - 1;
		let pd = pc;
		for (;;) {
			let c: number;
			while (pb <= pc && (c = cmp(v[pb]!, v[lo]!)) <= 0) {
				if (c === 0) swap(v, pa++, pb);
				pb++;
			}
			while (pb <= pc && (c = cmp(v[pc]!, v[lo]!)) >= 0) {
				if (c === 0) swap(v, pc, pd--);
				pc--;
			}
			if (pb > pc) break;
			swap(v, pb++, pc--);
		}

		const pn = lo + n;
		let k = Math.min(pa - lo, pb - pa);
		vecswap(v, lo, pb - k, k);
		k = Math.min(pd - pc, pn - pd - 1);
		vecswap(v, pb, pn - k, k);
		const left = pb - pa;
		if (left > 1 && overlaps(lo, left, l, r)) partialSort(v, lo, left, cmp, l, r);
		const right = pd - pc;
		if (right <= 1) return;
		lo = pn - right;
		n = right;
		if (!overlaps(lo, n, l, r)) return;
	}
}

/** pqsort: sorts `v` in place well enough that positions `lrange`..`rrange` hold their elements. */
export function pqsort<T>(v: T[], cmp: Compare<T>, lrange: number, rrange: number): void {
	partialSort(v, 0, v.length, cmp, lrange, rrange);
}
