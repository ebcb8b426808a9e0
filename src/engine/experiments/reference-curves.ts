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

/** Hits among the GETs of a trace, and how many keys the cache dropped. */
export interface TraceHits {
	readonly hits: number;
	readonly gets: number;
	readonly evicted: number;
}

/**
 * True LRU over a sweep trace (ids < keys; ops 0 = GET, else SET): a GET that misses and every SET
 * insert the key. A doubly linked list in typed arrays: no allocation per request.
 */
export function trueLruTraceHits(
	ids: Int32Array,
	ops: Uint8Array,
	keys: number,
	capacity: number,
): TraceHits {
	const prev = new Int32Array(keys).fill(-1);
	const next = new Int32Array(keys).fill(-1);
	const cached = new Uint8Array(keys);
	let head = -1; // most recent
	let tail = -1; // least recent
	let size = 0;
	let hits = 0;
	let gets = 0;
	let evicted = 0;
	const unlink = (k: number) => {
		const p = prev[k]!;
		const n = next[k]!;
		if (p >= 0) next[p] = n;
		else head = n;
		if (n >= 0) prev[n] = p;
		else tail = p;
	};
	for (let i = 0; i < ids.length; i++) {
		const k = ids[i]!;
		const get = ops[i] === 0;
		if (get) gets++;
		if (capacity <= 0) continue;
		if (cached[k]) {
			if (get) hits++;
			unlink(k);
		} else {
			if (size >= capacity) {
				const victim = tail;
				unlink(victim);
				cached[victim] = 0;
				size--;
				evicted++;
			}
			cached[k] = 1;
			size++;
		}
		prev[k] = -1;
		next[k] = head;
		if (head >= 0) prev[head] = k;
		head = k;
		if (tail < 0) tail = k;
	}
	return { hits, gets, evicted };
}

/**
 * Belady's optimal over a sweep trace: on a miss, drop the cached key whose next GET lies furthest
 * ahead. A key's next use is its next GET before any SET overwrites it (a SET refills it anyway),
 * so a key about to be rewritten is worth nothing to keep.
 */
export function beladyTraceHits(
	ids: Int32Array,
	ops: Uint8Array,
	keys: number,
	capacity: number,
): TraceHits {
	const n = ids.length;
	const NEVER = n; // beyond every index
	const nextUse = new Int32Array(n);
	const upcoming = new Int32Array(keys).fill(NEVER);
	for (let i = n - 1; i >= 0; i--) {
		const k = ids[i]!;
		nextUse[i] = upcoming[k]!;
		upcoming[k] = ops[i] === 0 ? i : NEVER;
	}
	// Max-heap of (next use, key) packed in two arrays; stale entries are skipped when popped.
	const heapUse = new Int32Array(n + 1);
	const heapKey = new Int32Array(n + 1);
	let len = 0;
	const current = new Int32Array(keys).fill(-1); // -1: not cached
	const push = (use: number, key: number) => {
		let i = len++;
		while (i > 0) {
			const p = (i - 1) >> 1;
			if (heapUse[p]! >= use) break;
			heapUse[i] = heapUse[p]!;
			heapKey[i] = heapKey[p]!;
			i = p;
		}
		heapUse[i] = use;
		heapKey[i] = key;
	};
	const popTop = () => {
		const use = heapUse[--len]!;
		const key = heapKey[len]!;
		let i = 0;
		for (;;) {
			const l = 2 * i + 1;
			if (l >= len) break;
			const r = l + 1;
			const m = r < len && heapUse[r]! > heapUse[l]! ? r : l;
			if (heapUse[m]! <= use) break;
			heapUse[i] = heapUse[m]!;
			heapKey[i] = heapKey[m]!;
			i = m;
		}
		heapUse[i] = use;
		heapKey[i] = key;
	};
	let size = 0;
	let hits = 0;
	let gets = 0;
	let evicted = 0;
	for (let i = 0; i < n; i++) {
		const k = ids[i]!;
		const get = ops[i] === 0;
		if (get) gets++;
		if (capacity <= 0) continue;
		if (current[k]! >= 0) {
			if (get) hits++;
		} else {
			if (size >= capacity) {
				for (;;) {
					const use = heapUse[0]!;
					const victim = heapKey[0]!;
					popTop();
					if (current[victim] === use) {
						current[victim] = -1;
						break;
					}
				}
				size--;
				evicted++;
			}
			size++;
		}
		current[k] = nextUse[i]!;
		push(nextUse[i]!, k);
	}
	return { hits, gets, evicted };
}
