// Workshop playlists as data: what an instructor steps through in presenter mode, item by item.
// Every scenario plays on one fixed seed, so every attendee who opens the same playlist link sees
// the same keys, evictions and races.

/** What the right-hand pane shows beside the console while an item plays. */
export type PresenterVisual = 'flow' | 'keyspace' | 'xray';

export type PlaylistItem =
	| {
			readonly kind: 'scenario';
			readonly id: string;
			readonly visual: PresenterVisual;
			/** Fixes turned on for this item (a race shown again with its fix). */
			readonly fixes?: readonly string[];
	  }
	/** A lesson, its solution run one line per step beside its text. */
	| { readonly kind: 'lesson'; readonly id: string };

export interface Playlist {
	readonly id: string;
	readonly title: string;
	readonly items: readonly PlaylistItem[];
}

export const PLAYLISTS: readonly Playlist[] = [
	{
		id: 'redis-cache-30',
		title: 'Redis as a cache in 30 minutes',
		items: [
			{ kind: 'scenario', id: 'cold-miss-warm-hit', visual: 'flow' },
			{ kind: 'lesson', id: '02-expiry/03-setex' },
			{ kind: 'scenario', id: 'expiry-lazy-vs-active', visual: 'keyspace' },
			{ kind: 'scenario', id: 'eviction', visual: 'xray' },
			{ kind: 'lesson', id: '03-memory/08-pick-allkeys-lru' },
			{ kind: 'scenario', id: 'stale-after-update', visual: 'flow' },
			{ kind: 'scenario', id: 'stale-after-update', visual: 'flow', fixes: ['short-ttl'] },
			{ kind: 'scenario', id: 'update-then-invalidate', visual: 'flow' },
			{ kind: 'scenario', id: 'invalidate-before-write', visual: 'flow' },
			{ kind: 'scenario', id: 'stale-set', visual: 'flow' },
			{ kind: 'scenario', id: 'stale-set', visual: 'flow', fixes: ['lease'] },
			{ kind: 'scenario', id: 'dual-write-race', visual: 'flow' },
			{ kind: 'lesson', id: '04-cache-aside/04-restart-loses-writes' },
		],
	},
];

export function playlistById(id: string | null): Playlist {
	return PLAYLISTS.find((p) => p.id === id) ?? PLAYLISTS[0]!;
}
