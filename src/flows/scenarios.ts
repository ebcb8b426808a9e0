// The scenario catalogue (1–8 and 13, as in README.md) as data. Every request is for user 1;
// readers R, R2, R3 and writers W, W2 are app instances, each with its own Redis connection.
import type { Instruction, Lane, Scenario } from './scenario-types.ts';

const R: Lane = { id: 'R', label: 'Reader R', role: 'reader' };
const R2: Lane = { id: 'R2', label: 'Reader R2', role: 'reader' };
const R3: Lane = { id: 'R3', label: 'Reader R3', role: 'reader' };
const W: Lane = { id: 'W', label: 'Writer W', role: 'writer' };
const W2: Lane = { id: 'W2', label: 'Writer W2', role: 'writer' };
const CLI: Lane = { id: 'CLI', label: 'redis-cli', role: 'operator' };

/** A whole get_user on one lane. */
const read = (lane: string, say?: string, userId?: number): Instruction[] => [
	{ do: 'get_user', lane, ...(userId ? { userId } : {}), ...(say ? { say } : {}) },
	{ do: 'finish', lane },
];
const cli = (...argv: string[]): Instruction => ({ do: 'redis', lane: 'CLI', argv });

export const SCENARIOS: readonly Scenario[] = [
	{
		id: 'cold-miss-warm-hit',
		number: 1,
		title: 'Cold miss, then warm hit',
		teaches:
			'The first reader pays for the slow database read and fills the cache; the next one gets the same row from Redis in about a millisecond.',
		lanes: [R, R2],
		ttlSeconds: 3600,
		isRace: false,
		fixes: [],
		instructions: [
			...read('R', 'The cache is empty: R misses, reads the database and fills the cache.'),
			...read('R2', 'R2 asks for the same user a moment later: a hit.'),
		],
	},
	{
		id: 'expiry-lazy-vs-active',
		number: 2,
		title: 'Expiry: lazy and active',
		teaches:
			'A key past its TTL is not gone at once: it lingers until a command touches it (lazy) or the expire cycle samples it (active). TTL says −2 when gone, −1 when there is no TTL, and a plain SET drops the TTL.',
		lanes: [CLI],
		ttlSeconds: null,
		isRace: false,
		fixes: [],
		instructions: [
			{ ...cli('DEBUG', 'SET-ACTIVE-EXPIRE', '0'), say: 'Pause the active expire cycle.' },
			cli('SET', 'session:1', 'v', 'EX', '5'),
			cli('TTL', 'session:1'),
			{ do: 'clock', ms: 6000, say: 'Six seconds later the key is past its TTL…' },
			{ ...cli('DBSIZE'), say: '…but still counted: a ghost.' },
			{ ...cli('GET', 'session:1'), say: 'A GET finds it expired and deletes it (lazy expiry).' },
			cli('DBSIZE'),
			{ ...cli('DEBUG', 'SET-ACTIVE-EXPIRE', '1'), say: 'Turn the active cycle back on.' },
			cli('SET', 'session:2', 'v', 'EX', '5'),
			{ do: 'clock', ms: 6000, say: 'This time nobody touches the key…' },
			{ ...cli('DBSIZE'), say: '…and the active cycle has removed it.' },
			{ ...cli('TTL', 'session:2'), say: 'TTL of a missing key: −2.' },
			cli('SET', 'plain', 'v'),
			{ ...cli('TTL', 'plain'), say: 'TTL of a key without expiry: −1.' },
			cli('SET', 'session:3', 'v', 'EX', '100'),
			{ ...cli('SET', 'session:3', 'v2'), say: 'A plain SET replaces the value and its TTL.' },
			{ ...cli('TTL', 'session:3'), say: 'The TTL is gone: −1.' },
		],
	},
	{
		id: 'stale-after-update',
		number: 3,
		title: 'Update without invalidation: stale until the TTL',
		teaches:
			'Writing the database alone leaves the old row in Redis; readers get it until the TTL runs out. The TTL is the bound on staleness.',
		lanes: [R, W, R2, R3],
		ttlSeconds: 60,
		isRace: true,
		fixes: [
			{
				id: 'short-ttl',
				label: 'Short TTL (5 s)',
				teaches:
					'A shorter TTL bounds how long a stale row can live: here it is gone before R2 asks.',
				overrides: { ttlSeconds: 5 },
			},
		],
		instructions: [
			...read('R', 'R warms the cache with the row.'),
			{
				do: 'update_user',
				lane: 'W',
				set: { name: 'Bob' },
				strategy: 'db-only',
				say: 'W renames the user in the database only.',
			},
			{ do: 'finish', lane: 'W' },
			{ do: 'clock', ms: 10_000 },
			...read('R2', 'Ten seconds later R2 reads: does the cache still hold the old name?'),
			{ do: 'clock', ms: 60_000 },
			...read('R3', 'After the TTL, R3 misses and reads the new row.'),
		],
	},
	{
		id: 'update-then-invalidate',
		number: 4,
		title: 'Update, then invalidate',
		teaches:
			'The recommended write: update the database, then DEL the key. The next reader misses and caches the new row.',
		lanes: [R, W, R2],
		ttlSeconds: 3600,
		isRace: false,
		fixes: [],
		instructions: [
			...read('R', 'R warms the cache.'),
			{
				do: 'update_user',
				lane: 'W',
				set: { name: 'Bob' },
				strategy: 'update-then-del',
				say: 'W writes the database first…',
			},
			{ do: 'finish', lane: 'W', say: '…then deletes the cached row.' },
			...read('R2', 'R2 misses and caches the new row.'),
		],
	},
	{
		id: 'invalidate-before-write',
		number: 5,
		title: 'Invalidate before writing (wrong order)',
		teaches:
			'Deleting first opens a window: a reader refills the old row before the write lands, and it stays for the whole TTL.',
		lanes: [R, W, R2, R3],
		ttlSeconds: 60,
		isRace: true,
		fixes: [
			{
				id: 'double-delete',
				label: 'Delayed double delete',
				teaches: 'Deleting again a read-time after the write clears a refill that raced it.',
				overrides: { doubleDeleteMs: 200 },
			},
		],
		instructions: [
			...read('R', 'R warms the cache.'),
			{
				do: 'update_user',
				lane: 'W',
				set: { name: 'Bob' },
				strategy: 'del-then-update',
				say: 'W deletes the key before writing.',
			},
			{ do: 'get_user', lane: 'R2', say: 'R2 misses…' },
			{ do: 'next', lane: 'R2', say: '…reads the old row…' },
			{ do: 'next', lane: 'R2', say: '…and caches it.' },
			{ do: 'finish', lane: 'R2' },
			{ do: 'next', lane: 'W', say: 'Only now does the write land.' },
			{ do: 'finish', lane: 'W' },
			...read('R3', 'R3 reads: old or new?'),
		],
	},
	{
		id: 'stale-set',
		number: 6,
		title: 'The classic stale set',
		teaches:
			'A reader loads the old row, a writer updates and deletes (nothing to delete yet), then the reader’s late fill puts the old row back — even though the writer did everything right.',
		lanes: [R, W, R2],
		ttlSeconds: 60,
		isRace: true,
		fixes: [
			{
				id: 'version',
				label: 'Version check (WATCH/MULTI/EXEC)',
				teaches:
					'The writer publishes the new version; the reader’s fill runs in a transaction that fails if the version moved since its miss.',
				overrides: { guard: 'version' },
			},
			{
				id: 'lease',
				label: 'Lease token',
				teaches:
					'A miss takes a lease token; the writer’s delete voids it, so the late fill is refused.',
				overrides: { guard: 'lease' },
			},
		],
		instructions: [
			{ do: 'get_user', lane: 'R', say: 'R misses.' },
			{ do: 'next', lane: 'R', say: 'R reads the row (old version) from the database.' },
			{
				do: 'update_user',
				lane: 'W',
				set: { name: 'Bob' },
				strategy: 'update-then-del',
				say: 'Meanwhile W updates the row…',
			},
			{ do: 'next', lane: 'W', say: '…and deletes the key: nothing to delete yet.' },
			{ do: 'finish', lane: 'W' },
			{ do: 'next', lane: 'R', say: 'R’s fill arrives late, with the old row.' },
			{ do: 'finish', lane: 'R' },
			...read('R2', 'R2 reads: old or new?'),
		],
	},
	{
		id: 'dual-write-race',
		number: 7,
		title: 'Two writers updating the cache',
		teaches:
			'With a dual write, two writers’ SETs can land in the opposite order of their database writes; without a TTL the wrong row stays forever. Delete, don’t update: deletes commute.',
		lanes: [W, W2, R],
		ttlSeconds: null,
		isRace: true,
		fixes: [
			{
				id: 'delete',
				label: 'Delete instead of SET',
				teaches:
					'Two DELs in any order leave the same empty key; the next reader loads the latest row.',
				overrides: { strategy: 'update-then-del' },
			},
		],
		instructions: [
			{
				do: 'update_user',
				lane: 'W',
				set: { name: 'Ann' },
				strategy: 'update-then-set',
				say: 'W writes the database.',
			},
			{
				do: 'update_user',
				lane: 'W2',
				set: { name: 'Bea' },
				strategy: 'update-then-set',
				say: 'W2 writes it just after.',
			},
			{ do: 'next', lane: 'W2', say: 'W2 updates the cache first…' },
			{ do: 'next', lane: 'W', say: '…and W’s older update overwrites it.' },
			{ do: 'finish', lane: 'W' },
			{ do: 'finish', lane: 'W2' },
			...read('R', 'R reads: whose name?'),
		],
	},
	{
		id: 'dual-write-failure',
		number: 8,
		title: 'Dual write, partial failure',
		teaches:
			'The database write succeeds but the DEL times out: two systems written separately now disagree until the TTL. Retry with backoff (or an outbox) closes it.',
		lanes: [R, W, R2],
		ttlSeconds: 60,
		isRace: true,
		fixes: [
			{
				id: 'retry',
				label: 'Retry the DEL with backoff',
				teaches: 'The failed DEL is sent again once Redis answers, so the stale row goes.',
				overrides: { retryDelete: true },
			},
		],
		instructions: [
			...read('R', 'R warms the cache.'),
			{ do: 'link', lane: 'W', link: 'timeout', say: 'W’s link to Redis starts dropping packets.' },
			{
				do: 'update_user',
				lane: 'W',
				set: { name: 'Bob' },
				strategy: 'update-then-del',
				say: 'W writes the database.',
			},
			{ do: 'next', lane: 'W', say: 'W’s DEL times out.' },
			{ do: 'link', lane: 'W', link: 'up', say: 'The link recovers.' },
			{ do: 'finish', lane: 'W' },
			...read('R2', 'R2 reads: old or new?'),
		],
	},
	{
		id: 'eviction',
		number: 13,
		title: 'Eviction under maxmemory',
		teaches:
			'When the cache is full, allkeys-lru evicts the least recently used key, so a later read misses although nothing expired. Under noeviction, writes fail with OOM instead and the app must live without the fill.',
		lanes: [R, R2, CLI],
		ttlSeconds: 3600,
		isRace: false,
		fixes: [],
		instructions: [
			cli('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru'),
			{ do: 'cap-memory', lane: 'CLI', rows: 3, say: 'Room for about three cached users.' },
			...read('R', 'R caches user 1.', 1),
			{ do: 'clock', ms: 2000 },
			...read('R', 'User 2.', 2),
			{ do: 'clock', ms: 2000 },
			...read('R', 'User 3.', 3),
			{ do: 'clock', ms: 2000 },
			...read('R', 'User 4: memory is now over the limit.', 4),
			...read('R2', 'R2 asks for user 1: evicted (least recently used), not expired.', 1),
			{ ...cli('INFO', 'stats'), say: 'evicted_keys counts it.' },
			{
				...cli('CONFIG', 'SET', 'maxmemory-policy', 'noeviction'),
				say: 'Now refuse writes instead.',
			},
			...read('R', 'User 5.', 5),
			...read('R', 'User 6: the fill is refused with OOM; the app still answers from the DB.', 6),
		],
	},
];

export function scenarioById(id: string): Scenario {
	const s = SCENARIOS.find((x) => x.id === id);
	if (!s) throw new Error(`unknown scenario '${id}'`);
	return s;
}
