// A small seeded PRNG (sfc32) standing in for Redis's random() in sampling, RANDOMKEY and the LFU
// counter. Seeded, so a lesson or a test replays the same draws; its state can be copied for fork().

export class Random {
	#s: [number, number, number, number];

	constructor(seed: number | readonly [number, number, number, number] = 1) {
		if (typeof seed === 'number') {
			// splitmix32 spreads a small seed over the four state words.
			let x = seed >>> 0;
			const next = () => {
				x = (x + 0x9e3779b9) >>> 0;
				let z = x;
				z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
				z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
				return (z ^ (z >>> 16)) >>> 0;
			};
			this.#s = [next(), next(), next(), next()];
			for (let i = 0; i < 12; i++) this.uint32();
		} else {
			this.#s = [seed[0], seed[1], seed[2], seed[3]];
		}
	}

	/** A uniform 32-bit unsigned integer. */
	uint32(): number {
		const s = this.#s;
		const t = (((s[0] + s[1]) >>> 0) + s[3]) >>> 0;
		s[3] = (s[3] + 1) >>> 0;
		s[0] = s[1] ^ (s[1] >>> 9);
		s[1] = (s[2] + (s[2] << 3)) >>> 0;
		s[2] = ((s[2] << 21) | (s[2] >>> 11)) >>> 0;
		s[2] = (s[2] + t) >>> 0;
		return t;
	}

	/** A float in [0, 1). */
	next(): number {
		return this.uint32() / 4294967296;
	}

	/** An integer in [0, n). */
	int(n: number): number {
		return Math.floor(this.next() * n);
	}

	state(): [number, number, number, number] {
		return [this.#s[0], this.#s[1], this.#s[2], this.#s[3]];
	}

	clone(): Random {
		return new Random(this.state());
	}
}
