// Mirrors deps/hdr_histogram/hdr_histogram.c as src/server.c sets it up for each command's latency
// (hdr_init(1, 1000000000, 2): nanoseconds from 1 ns to 1 s, two significant figures), with the
// two reads Redis makes of it: hdr_value_at_percentile for INFO latencystats and the logarithmic
// iterator (first bucket 1024 ns, base 2) for LATENCY HISTOGRAM. The counts are kept sparse: a
// command's few distinct latencies, not the 3,072 counters Redis allocates.

/** LATENCY_HISTOGRAM_MIN_VALUE / MAX_VALUE in src/server.h: what a recorded latency is clamped to. */
export const LATENCY_MIN_NS = 1;
export const LATENCY_MAX_NS = 1_000_000_000;

/**
 * Two significant figures over 1…10^9: 256 sub-buckets (the first 256 values exactly, then 128 per
 * doubling), 23 buckets, so counts_len = (23 + 1) × 128.
 */
const SUB_BUCKET_HALF_COUNT_MAGNITUDE = 7;
const SUB_BUCKET_HALF_COUNT = 128;
const SUB_BUCKET_MASK = 255;
const COUNTS_LEN = 3072;

/** get_bucket_index (unit magnitude 0): which doubling `value` falls in. */
function bucketIndex(value: number): number {
	const pow2ceiling = 32 - Math.clz32(value | SUB_BUCKET_MASK);
	return pow2ceiling - (SUB_BUCKET_HALF_COUNT_MAGNITUDE + 1);
}

function countsIndexOf(value: number): number {
	const bucket = bucketIndex(value);
	const sub = value >>> bucket;
	return ((bucket + 1) << SUB_BUCKET_HALF_COUNT_MAGNITUDE) + (sub - SUB_BUCKET_HALF_COUNT);
}

/** hdr_value_at_index. */
function valueAtIndex(index: number): number {
	let bucket = (index >> SUB_BUCKET_HALF_COUNT_MAGNITUDE) - 1;
	let sub = (index & (SUB_BUCKET_HALF_COUNT - 1)) + SUB_BUCKET_HALF_COUNT;
	if (bucket < 0) {
		sub -= SUB_BUCKET_HALF_COUNT;
		bucket = 0;
	}
	return sub * 2 ** bucket;
}

/** lowest_equivalent_value: the first value counted in the same slot. */
export function lowestEquivalent(value: number): number {
	const bucket = bucketIndex(value);
	return (value >>> bucket) * 2 ** bucket;
}

/** highest_equivalent_value: the last value counted in the same slot. */
export function highestEquivalent(value: number): number {
	const bucket = bucketIndex(value);
	const sub = value >>> bucket;
	const size = 2 ** (sub >= 2 * SUB_BUCKET_HALF_COUNT ? bucket + 1 : bucket);
	return sub * 2 ** bucket + size - 1;
}

export class LatencyHistogram {
	/**
	 * Latencies of at most 1 ns, by far the most common on the virtual clock (a command takes no
	 * time): counted here, so a call costs no map update. Their counts index is 1.
	 */
	#ones = 0;
	/** Count by counts index, for every other slot. */
	#counts = new Map<number, number>();
	total = 0;

	/** record() of a call that took no time: what a command that did not move the clock took. */
	recordInstant(): void {
		this.total++;
		this.#ones++;
	}

	/** updateCommandLatencyHistogram: a latency in whole nanoseconds, clamped to the tracked range. */
	record(ns: number): void {
		this.total++;
		if (ns <= LATENCY_MIN_NS) {
			this.#ones++;
			return;
		}
		const index = countsIndexOf(Math.min(LATENCY_MAX_NS, Math.trunc(ns)));
		this.#counts.set(index, (this.#counts.get(index) ?? 0) + 1);
	}

	#countAt(index: number): number {
		return index === 1 ? this.#ones : (this.#counts.get(index) ?? 0);
	}

	#sorted(): [number, number][] {
		const all = [...this.#counts];
		if (this.#ones > 0) all.push([1, this.#ones]);
		return all.sort((a, b) => a[0] - b[0]);
	}

	/**
	 * hdr_value_at_percentile: the slot where the running count first reaches the rank the
	 * percentile asks for, as its highest value (its lowest for p0), in nanoseconds.
	 */
	valueAtPercentile(percentile: number): number {
		const requested = Math.min(percentile, 100);
		const rank = Math.max(1, Math.trunc((requested / 100) * this.total + 0.5));
		let seen = 0;
		for (const [index, count] of this.#sorted()) {
			seen += count;
			if (seen < rank) continue;
			const value = valueAtIndex(index);
			return percentile === 0 ? lowestEquivalent(value) : highestEquivalent(value);
		}
		return 0;
	}

	/**
	 * fillCommandCDF: the logarithmic iterator's steps (1024 ns, then doubling) where the running
	 * count grew, as [highest value of the step's slot in whole µs, running count]. The iterator
	 * reports a step once it reaches the slot holding the step's value, so that slot's own count
	 * is in; past the last slot it reports once more and stops.
	 */
	cdf(): [number, number][] {
		const out: [number, number][] = [];
		let index = -1;
		let value = 0;
		let running = 0;
		let previous = 0;
		let level = 1024;
		let levelFloor = lowestEquivalent(level);
		for (;;) {
			if (running >= this.total && valueAtIndex(index + 1) <= levelFloor) break;
			let ended = false;
			while (value < levelFloor) {
				index++;
				if (index >= COUNTS_LEN) {
					ended = true;
					break;
				}
				running += this.#countAt(index);
				value = valueAtIndex(index);
			}
			const slot = valueAtIndex(Math.min(index, COUNTS_LEN - 1));
			if (running > previous) out.push([Math.floor(highestEquivalent(slot) / 1000), running]);
			previous = running;
			if (ended) break;
			level *= 2;
			levelFloor = lowestEquivalent(level);
		}
		return out;
	}

	clone(): LatencyHistogram {
		const copy = new LatencyHistogram();
		for (const [index, count] of this.#counts) copy.#counts.set(index, count);
		copy.#ones = this.#ones;
		copy.total = this.total;
		return copy;
	}
}
