// A tiny seeded PRNG (mulberry32) for modules that may not reach the engine's Random: the mock
// database draws its rows and its latency jitter from it. Its whole state is one number, so a
// snapshot is just `prng.state`.

export class Prng {
	#state: number;

	/** `seed` is any integer; the same seed gives the same draws on every machine. */
	constructor(seed: number) {
		this.#state = seed >>> 0;
	}

	/** The whole generator state: `new Prng(p.state)` continues exactly where `p` is. */
	get state(): number {
		return this.#state;
	}

	/** A float in [0, 1). */
	next(): number {
		this.#state = (this.#state + 0x6d2b79f5) >>> 0;
		let t = this.#state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** An integer in [0, n). */
	int(n: number): number {
		return Math.floor(this.next() * n);
	}

	/** One element of a non-empty list. */
	pick<T>(items: readonly T[]): T {
		const item = items[this.int(items.length)];
		if (item === undefined) throw new Error('pick from an empty list');
		return item;
	}
}
