// Reference caches for the hit-rate lab, run on the same key trace as the engine: true LRU
// (what Redis's sampled eviction approximates) and Belady's optimal (evict the key used furthest
// in the future), the ceiling no policy can beat. Capacity counts keys, not bytes.

/** Hits of a true LRU cache holding at most `capacity` keys, every miss inserted. */
export function trueLruHits(trace: readonly number[], capacity: number): number {
	if (capacity <= 0) return 0;
	// A Map iterates in insertion order: delete + set moves a key to the most recent end.
	const cache = new Map<number, true>();
	let hits = 0;
	for (const key of trace) {
		if (cache.delete(key)) {
			hits++;
		} else if (cache.size >= capacity) {
			const oldest = cache.keys().next().value as number;
			cache.delete(oldest);
		}
		cache.set(key, true);
	}
	return hits;
}

/** Hits of Belady's optimal cache holding at most `capacity` keys. */
export function beladyHits(trace: readonly number[], capacity: number): number {
	if (capacity <= 0) return 0;
	const n = trace.length;
	const nextUse = new Array<number>(n);
	const seen = new Map<number, number>();
	for (let i = n - 1; i >= 0; i--) {
		const key = trace[i]!;
		nextUse[i] = seen.get(key) ?? Number.POSITIVE_INFINITY;
		seen.set(key, i);
	}
	// Max-heap of [nextUse, key]; entries go stale when a key is used again (lazy deletion).
	const heap: [number, number][] = [];
	const current = new Map<number, number>();
	const push = (e: [number, number]): void => {
		heap.push(e);
		let i = heap.length - 1;
		while (i > 0) {
			const p = (i - 1) >> 1;
			if (heap[p]![0] >= heap[i]![0]) break;
			[heap[p], heap[i]] = [heap[i]!, heap[p]!];
			i = p;
		}
	};
	const pop = (): [number, number] => {
		const top = heap[0]!;
		const last = heap.pop()!;
		if (heap.length > 0) {
			heap[0] = last;
			let i = 0;
			for (;;) {
				const l = 2 * i + 1;
				const r = l + 1;
				let m = i;
				if (l < heap.length && heap[l]![0] > heap[m]![0]) m = l;
				if (r < heap.length && heap[r]![0] > heap[m]![0]) m = r;
				if (m === i) break;
				[heap[m], heap[i]] = [heap[i]!, heap[m]!];
				i = m;
			}
		}
		return top;
	};
	let hits = 0;
	for (let i = 0; i < n; i++) {
		const key = trace[i]!;
		if (current.has(key)) {
			hits++;
		} else if (current.size >= capacity) {
			for (;;) {
				const [use, victim] = pop();
				if (current.get(victim) === use) {
					current.delete(victim);
					break;
				}
			}
		}
		current.set(key, nextUse[i]!);
		push([nextUse[i]!, key]);
	}
	return hits;
}
