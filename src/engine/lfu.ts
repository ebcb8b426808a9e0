// Mirrors the LFU half of src/evict.c: the 8-bit logarithmic (Morris) counter and its decay, packed
// with a 16-bit minutes timestamp into the object's 24-bit `lru` field.
import type { Random } from './random.ts';

export const LFU_INIT_VAL = 5;

/** LFUGetTimeInMinutes: Unix minutes, 16 bits. */
export function lfuTimeInMinutes(nowMs: number): number {
	return Math.floor(nowMs / 60000) & 0xffff;
}

/** LFUTimeElapsed, with the 16-bit wrap. */
export function lfuTimeElapsed(ldt: number, nowMs: number): number {
	const now = lfuTimeInMinutes(nowMs);
	return now >= ldt ? now - ldt : 65535 - ldt + now;
}

/** The initial field of a new object under an LFU policy. */
export function lfuInitField(nowMs: number): number {
	return (lfuTimeInMinutes(nowMs) << 8) | LFU_INIT_VAL;
}

/**
 * LFUDecrAndReturn: one unit off per lfu-decay-time minutes elapsed. The comment in evict.c speaks of
 * halving; the 7.0 code subtracts, and so do we.
 */
export function lfuDecrAndReturn(field: number, nowMs: number, decayTime: number): number {
	const ldt = field >> 8;
	const counter = field & 255;
	const periods = decayTime ? Math.floor(lfuTimeElapsed(ldt, nowMs) / decayTime) : 0;
	return periods ? (periods > counter ? 0 : counter - periods) : counter;
}

/** LFULogIncr: the counter grows with probability 1/((counter − LFU_INIT_VAL)·factor + 1). */
export function lfuLogIncr(counter: number, factor: number, rng: Random): number {
	if (counter === 255) return 255;
	const r = rng.next();
	const baseval = Math.max(0, counter - LFU_INIT_VAL);
	const p = 1.0 / (baseval * factor + 1);
	return r < p ? counter + 1 : counter;
}

/** updateLFU: decay, then a probabilistic increment, then stamp the access time. */
export function lfuUpdateField(
	field: number,
	nowMs: number,
	decayTime: number,
	factor: number,
	rng: Random,
): number {
	const counter = lfuLogIncr(lfuDecrAndReturn(field, nowMs, decayTime), factor, rng);
	return (lfuTimeInMinutes(nowMs) << 8) | counter;
}
