// How each curve of the hit-rate plots is drawn: the hue names the algorithm (LRU, LFU, random,
// TTL), the dash the keys it may evict (solid: allkeys-*, dashed: volatile-*), so no curve relies
// on colour alone. The two reference caches are drawn in the text colour: Belady's optimal thick,
// true LRU dash-dotted. The --series-* colours are set by the Labs screen for light and dark.
import type { SweepCell } from '../../engine/experiments/index.ts';

export interface SeriesStyle {
	readonly color: string;
	readonly dash?: string;
	readonly width?: number;
}

const DASHED = '7 4';

export const SERIES_STYLE: Readonly<Record<SweepCell['policy'], SeriesStyle>> = {
	'allkeys-lru': { color: 'var(--series-lru)' },
	'volatile-lru': { color: 'var(--series-lru)', dash: DASHED },
	'allkeys-lfu': { color: 'var(--series-lfu)' },
	'volatile-lfu': { color: 'var(--series-lfu)', dash: DASHED },
	'allkeys-random': { color: 'var(--series-random)' },
	'volatile-random': { color: 'var(--series-random)', dash: DASHED },
	'volatile-ttl': { color: 'var(--series-ttl)', dash: DASHED },
	noeviction: { color: 'var(--series-noeviction)', dash: '2 3' },
	'true-lru': { color: 'var(--text)', dash: '10 3 2 3', width: 1.5 },
	belady: { color: 'var(--text)', width: 3.5 },
};
