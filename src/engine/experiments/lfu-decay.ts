// Mirrors LFUDecrAndReturn in src/evict.c: what lfu-decay-time does to the counter of a key that
// is hit, then left idle, read every virtual minute the way OBJECT FREQ reads it (without storing).
import { lfuDecrAndReturn, lfuInitField, lfuUpdateField } from '../lfu.ts';
import { Random } from '../random.ts';

export interface LfuDecayOptions {
	/** Hits within the key's first minute, before it goes idle. */
	readonly hits: number;
	/** lfu-log-factor. */
	readonly factor: number;
	/** lfu-decay-time, in minutes (0: never decays). */
	readonly decayTime: number;
	/** How many idle minutes to follow. */
	readonly idleMinutes: number;
	readonly seed?: number;
}

export interface LfuDecayPoint {
	readonly minute: number;
	readonly counter: number;
}

export interface LfuDecayCurve {
	/** The counter right after the hits. */
	readonly peak: number;
	/** One point per idle minute, minute 0 first. */
	readonly points: readonly LfuDecayPoint[];
}

export function lfuDecayCurve(o: LfuDecayOptions): LfuDecayCurve {
	const rng = new Random(o.seed ?? 1);
	let field = lfuInitField(0);
	// Past 255 no hit can change anything, so a million hits cost no more than a few thousand.
	for (let i = 0; i < o.hits && (field & 255) < 255; i++)
		field = lfuUpdateField(field, 0, o.decayTime, o.factor, rng);
	const points: LfuDecayPoint[] = [];
	for (let minute = 0; minute <= o.idleMinutes; minute++)
		points.push({ minute, counter: lfuDecrAndReturn(field, minute * 60_000, o.decayTime) });
	return { peak: field & 255, points };
}
