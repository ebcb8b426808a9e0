import { describe, expect, it } from 'vitest';
import type { KeyView } from '../engine/index.ts';
import { KeyOrder, type SortKey } from './key-order.ts';

function key(name: string, expiresAt: number | null = null, bytes = 50): KeyView {
	return {
		name,
		type: 'string',
		encoding: 'embstr',
		preview: 'v',
		expiresAt,
		isExpired: false,
		lru: 0,
		bytes,
	};
}

/** A small seeded generator, so a failure replays. */
function lcg(seed: number): (n: number) => number {
	let s = seed >>> 0;
	return (n) => {
		s = (Math.imul(s, 1103515245) + 12345) >>> 0;
		// The high bits: an LCG's low bits repeat with a short period.
		return (s >>> 16) % n;
	};
}

const names = (rows: readonly KeyView[]) => rows.map((k) => k.name);

describe('KeyOrder', () => {
	it('sorts by name, TTL (keys without one last) and bytes, ties in engine order', () => {
		const keys = [key('b', 300), key('a', null, 90), key('c', 100), key('d', null, 90)];
		const order = new KeyOrder();
		expect(names(order.rows(keys, 'name', ''))).toEqual(['a', 'b', 'c', 'd']);
		expect(names(order.rows(keys, 'ttl', ''))).toEqual(['c', 'b', 'a', 'd']);
		expect(names(order.rows(keys, 'bytes', ''))).toEqual(['a', 'd', 'b', 'c']);
		expect(names(order.rows(keys, 'name', 'B'))).toEqual(['b']);
	});

	it('after keys are added, removed, renamed or re-timed, gives what a fresh sort gives', () => {
		for (const by of ['name', 'ttl'] as SortKey[]) {
			for (const filter of ['', '1']) {
				const pick = lcg(by.length * 31 + filter.length);
				let keys: KeyView[] = Array.from({ length: 300 }, (_, i) =>
					key(`k:${pick(1000)}:${i}`, pick(3) === 0 ? null : pick(50)),
				);
				const order = new KeyOrder();
				order.rows(keys, by, filter);
				for (let step = 0; step < 200; step++) {
					keys = [...keys];
					// Mostly a few edits, as a typed command makes; sometimes many, as mass expiry does,
					// and now and then so many that a fresh sort is cheaper than a merge.
					const edits = pick(20) === 0 ? 200 : pick(4) === 0 ? 1 + pick(40) : 1 + pick(3);
					for (let e = 0; e < edits; e++) {
						const i = pick(keys.length);
						const what = pick(4);
						if (what === 0) keys.push(key(`new:${step}:${e}`, pick(2) ? pick(50) : null));
						else if (what === 1 && keys.length > 1) {
							// The engine's swap-remove: the last key takes the freed position.
							keys[i] = keys[keys.length - 1]!;
							keys.pop();
						} else if (what === 2) keys[i] = key(keys[i]!.name, pick(2) ? pick(50) : null);
						else keys[i] = { ...keys[i]!, lru: step };
					}
					const got = order.rows(keys, by, filter);
					expect(names(got)).toEqual(names(new KeyOrder().rows(keys, by, filter)));
					if (by === 'ttl')
						expect(got.map((k) => k.expiresAt)).toEqual(
							new KeyOrder().rows(keys, by, filter).map((k) => k.expiresAt),
						);
				}
			}
		}
	});

	it('moves a key whose TTL changed when sorted by TTL, and only then', () => {
		const keys = [key('a', 10), key('b', 20), key('c', 30)];
		const order = new KeyOrder();
		expect(names(order.rows(keys, 'ttl', ''))).toEqual(['a', 'b', 'c']);
		const later = [key('a', 40), keys[1]!, keys[2]!];
		expect(names(order.rows(later, 'ttl', ''))).toEqual(['b', 'c', 'a']);
		expect(names(order.rows(later, 'name', ''))).toEqual(['a', 'b', 'c']);
	});

	it('hands back the same rows while only what it does not sort by moved', () => {
		const keys = [key('b', 300), key('a', 200)];
		const order = new KeyOrder();
		const first = order.rows(keys, 'name', '');
		const touched = [
			{ ...keys[0]!, lru: 9 },
			{ ...keys[1]!, expiresAt: 999 },
		];
		expect(names(order.rows(touched, 'name', ''))).toEqual(names(first));
		expect(order.rows(touched, 'name', '')[1]!.lru).toBe(9);
	});
});
