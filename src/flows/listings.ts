// The code the flow stage shows beside the moving request: `get_user` and `update_user`, once in a
// Python-like dialect (the seed's) and once in TypeScript. Lines are data; a line with `id` is the
// one a machine state names in its `meta.line`; a line with `when` shows only for that variant.
import type { CacheGuard, WriteStrategy } from './flow-options.ts';

export type ListingLanguage = 'python' | 'typescript';
export type ListingName = 'get_user' | 'update_user';

/** Which variant of the code is running: the listing drops lines that do not apply. */
export interface ListingVariant {
	readonly guard: CacheGuard;
	readonly hasTtl: boolean;
	readonly strategy?: WriteStrategy;
	readonly retryDelete?: boolean;
	readonly doubleDelete?: boolean;
}

export interface ListingLine {
	readonly text: string;
	readonly id?: string;
	readonly when?: {
		readonly guard?: readonly CacheGuard[];
		readonly hasTtl?: boolean;
		readonly strategy?: readonly WriteStrategy[];
		readonly retryDelete?: boolean;
		readonly doubleDelete?: boolean;
	};
}

export interface ResolvedLine {
	/** 1-based, as an editor numbers lines. */
	readonly number: number;
	readonly text: string;
	readonly id?: string;
}

const NONE: readonly CacheGuard[] = ['none'];
const SET_AFTER: readonly WriteStrategy[] = ['update-then-set'];
const DEL_AFTER: readonly WriteStrategy[] = ['update-then-del'];
const DEL_FIRST: readonly WriteStrategy[] = ['del-then-update'];

const PY_GET: readonly ListingLine[] = [
	{ text: 'def get_user(user_id):' },
	{ text: '    cache_key = f"user:{user_id}"' },
	{ text: '    redis_ok = True' },
	{ text: '    try:' },
	{
		text: '        redis.watch(f"{cache_key}:ver")  # a writer touching it voids our fill',
		id: 'get',
		when: { guard: ['version'] },
	},
	{ text: '        data = redis.get(cache_key)', id: 'get', when: { guard: ['none', 'lease'] } },
	{ text: '        data = redis.get(cache_key)', when: { guard: ['version'] } },
	{ text: '    except redis.ConnectionError:' },
	{
		text: '        data, redis_ok = None, False  # Redis is down: go to the database',
		id: 'redis-down',
	},
	{ text: '    if data is not None:' },
	{ text: '        return json.loads(data)  # cache hit', id: 'hit' },
	{
		text: '    lease = redis.set(f"{cache_key}:lease", token(), nx=True, px=10_000)',
		id: 'get',
		when: { guard: ['lease'] },
	},
	{ text: '    user = db.query("SELECT * FROM users WHERE id = %s", user_id)', id: 'select' },
	{ text: '    if user and redis_ok:' },
	{
		text: '        redis.setex(cache_key, TTL, json.dumps(user))',
		id: 'fill',
		when: { guard: NONE, hasTtl: true },
	},
	{
		text: '        redis.set(cache_key, json.dumps(user))  # no TTL: no safety net',
		id: 'fill',
		when: { guard: NONE, hasTtl: false },
	},
	{
		text: '        with redis.pipeline() as tx:  # MULTI … EXEC; nil if the version moved',
		id: 'fill',
		when: { guard: ['version'] },
	},
	{ text: '            tx.setex(cache_key, TTL, json.dumps(user))', when: { guard: ['version'] } },
	{
		text: '        set_if_lease_holder(cache_key, lease, json.dumps(user))',
		id: 'fill',
		when: { guard: ['lease'] },
	},
	{ text: '    return user', id: 'return' },
];

const PY_UPDATE: readonly ListingLine[] = [
	{ text: 'def update_user(user_id, changes):' },
	{ text: '    cache_key = f"user:{user_id}"' },
	{
		text: '    redis.delete(cache_key)  # too early: a reader can refill the old row',
		id: 'delete-first',
		when: { strategy: DEL_FIRST },
	},
	{
		text: '    user = db.execute("UPDATE users SET … WHERE id = %s RETURNING *", user_id)',
		id: 'update',
	},
	{ text: '    redis.delete(cache_key)', id: 'delete', when: { strategy: DEL_AFTER, guard: NONE } },
	{
		text: '    redis.delete(cache_key, f"{cache_key}:lease")  # voids any lease',
		id: 'delete',
		when: { strategy: DEL_AFTER, guard: ['lease'] },
	},
	{
		text: '    with redis.pipeline() as tx:  # MULTI … EXEC',
		id: 'delete',
		when: { strategy: DEL_AFTER, guard: ['version'] },
	},
	{ text: '        tx.delete(cache_key)', when: { strategy: DEL_AFTER, guard: ['version'] } },
	{
		text: '        tx.set(f"{cache_key}:ver", user.version, ex=TTL)',
		when: { strategy: DEL_AFTER, guard: ['version'] },
	},
	{
		text: '    # on ConnectionError: back off, then delete again',
		id: 'retry',
		when: { retryDelete: true },
	},
	{
		text: '    sleep(0.2); redis.delete(cache_key)  # delayed double delete',
		id: 'delete-again',
		when: { doubleDelete: true },
	},
	{
		text: '    redis.setex(cache_key, TTL, json.dumps(user))  # dual write',
		id: 'set',
		when: { strategy: SET_AFTER, hasTtl: true },
	},
	{
		text: '    redis.set(cache_key, json.dumps(user))  # dual write, no TTL',
		id: 'set',
		when: { strategy: SET_AFTER, hasTtl: false },
	},
	{ text: '    return user', id: 'return' },
];

const TS_GET: readonly ListingLine[] = [
	{ text: 'async function getUser(userId: number): Promise<User | null> {' },
	{ text: '  const key = `user:${userId}`;' },
	{ text: '  let data: string | null = null;' },
	{ text: '  let redisOk = true;' },
	{ text: '  try {' },
	{
		text: '    await redis.watch(`${key}:ver`); // a writer touching it voids our fill',
		id: 'get',
		when: { guard: ['version'] },
	},
	{ text: '    data = await redis.get(key);', id: 'get', when: { guard: ['none', 'lease'] } },
	{ text: '    data = await redis.get(key);', when: { guard: ['version'] } },
	{ text: '  } catch {' },
	{ text: '    redisOk = false; // Redis is down: go to the database', id: 'redis-down' },
	{ text: '  }' },
	{ text: '  if (data !== null) return JSON.parse(data); // cache hit', id: 'hit' },
	{
		text: '  const lease = await redis.set(`${key}:lease`, token(), { NX: true, PX: 10_000 });',
		id: 'get',
		when: { guard: ['lease'] },
	},
	{
		text: "  const [user] = await db.query('SELECT * FROM users WHERE id = $1', [userId]);",
		id: 'select',
	},
	{ text: '  if (user && redisOk) {' },
	{
		text: '    await redis.setEx(key, TTL, JSON.stringify(user));',
		id: 'fill',
		when: { guard: NONE, hasTtl: true },
	},
	{
		text: '    await redis.set(key, JSON.stringify(user)); // no TTL: no safety net',
		id: 'fill',
		when: { guard: NONE, hasTtl: false },
	},
	{
		text: '    await redis.multi().setEx(key, TTL, JSON.stringify(user)).exec(); // null if the version moved',
		id: 'fill',
		when: { guard: ['version'] },
	},
	{
		text: '    await setIfLeaseHolder(key, lease, JSON.stringify(user));',
		id: 'fill',
		when: { guard: ['lease'] },
	},
	{ text: '  }' },
	{ text: '  return user ?? null;', id: 'return' },
	{ text: '}' },
];

const TS_UPDATE: readonly ListingLine[] = [
	{ text: 'async function updateUser(userId: number, changes: UserChanges): Promise<User> {' },
	{ text: '  const key = `user:${userId}`;' },
	{
		text: '  await redis.del(key); // too early: a reader can refill the old row',
		id: 'delete-first',
		when: { strategy: DEL_FIRST },
	},
	{
		text: "  const [user] = await db.query('UPDATE users SET … WHERE id = $1 RETURNING *', [userId]);",
		id: 'update',
	},
	{ text: '  await redis.del(key);', id: 'delete', when: { strategy: DEL_AFTER, guard: NONE } },
	{
		text: '  await redis.del([key, `${key}:lease`]); // voids any lease',
		id: 'delete',
		when: { strategy: DEL_AFTER, guard: ['lease'] },
	},
	{
		text: '  await redis.multi().del(key).set(`${key}:ver`, String(user.version), { EX: TTL }).exec();',
		id: 'delete',
		when: { strategy: DEL_AFTER, guard: ['version'] },
	},
	{
		text: '  // on a connection error: back off, then delete again',
		id: 'retry',
		when: { retryDelete: true },
	},
	{
		text: '  await sleep(200); await redis.del(key); // delayed double delete',
		id: 'delete-again',
		when: { doubleDelete: true },
	},
	{
		text: '  await redis.setEx(key, TTL, JSON.stringify(user)); // dual write',
		id: 'set',
		when: { strategy: SET_AFTER, hasTtl: true },
	},
	{
		text: '  await redis.set(key, JSON.stringify(user)); // dual write, no TTL',
		id: 'set',
		when: { strategy: SET_AFTER, hasTtl: false },
	},
	{ text: '  return user;', id: 'return' },
	{ text: '}' },
];

export const LISTINGS: Readonly<
	Record<ListingLanguage, Record<ListingName, readonly ListingLine[]>>
> = {
	python: { get_user: PY_GET, update_user: PY_UPDATE },
	typescript: { get_user: TS_GET, update_user: TS_UPDATE },
};

function applies(line: ListingLine, v: ListingVariant): boolean {
	const w = line.when;
	if (!w) return true;
	if (w.guard && !w.guard.includes(v.guard)) return false;
	if (w.hasTtl !== undefined && w.hasTtl !== v.hasTtl) return false;
	if (w.strategy && (!v.strategy || !w.strategy.includes(v.strategy))) return false;
	if (w.retryDelete !== undefined && w.retryDelete !== (v.retryDelete ?? false)) return false;
	if (w.doubleDelete !== undefined && w.doubleDelete !== (v.doubleDelete ?? false)) return false;
	return true;
}

/** The listing as the UI shows it for one variant: numbered lines, ids kept for highlighting. */
export function listingFor(
	name: ListingName,
	language: ListingLanguage,
	variant: ListingVariant,
): readonly ResolvedLine[] {
	return LISTINGS[language][name]
		.filter((line) => applies(line, variant))
		.map((line, i) =>
			line.id
				? { number: i + 1, text: line.text, id: line.id }
				: { number: i + 1, text: line.text },
		);
}

/** The line number a state's `meta.line` id stands for, or null when this variant lacks it. */
export function lineNumber(lines: readonly ResolvedLine[], id: string): number | null {
	return lines.find((l) => l.id === id)?.number ?? null;
}
