// Mirrors the `server.dirty += …` lines spread over Redis's command implementations (t_string.c,
// db.c, t_hash.c, t_list.c, t_zset.c, expire.c, bitops.c, sort.c), gathered in one table so the
// command files stay about their data type. Measured on 7.0.15 with rdb_changes_since_last_save
// around each command. Expiry and eviction never count; a write that changed nothing counts 0.
import type { Db } from './keyspace.ts';
import type { Reply } from './reply.ts';
import type { Server } from './server.ts';
import { saveParams } from './persistence.ts';

/**
 * added + updated of the last ZADD/ZINCRBY, which is what it adds to server.dirty (0 after an
 * error, as Redis's `goto cleanup` skips the addition). zset-add.ts writes it as the command runs.
 */
export const zaddResult = { changes: 0 };

/** The writes of the last BITFIELD that created, grew or changed something (bitfield.ts). */
export const bitfieldResult = { changes: 0 };

/** What a rule sees once the command ran: `signals` is how many times a key was signalled. */
export interface After {
	readonly server: Server;
	readonly argv: readonly string[];
	readonly reply: Reply;
	readonly signals: number;
	readonly before: unknown;
	readonly db: Db;
}

export interface DirtyRule {
	/** What is read before the command runs (keys before FLUSHALL, a list's length, scores…). */
	readonly before?: (server: Server, db: Db, argv: readonly string[]) => unknown;
	readonly count: (a: After) => number;
}
type Rule = DirtyRule;

const int = (r: Reply): number => (r.type === 'integer' ? Number(r.value) : 0);
const one = (a: After): number => (a.signals > 0 ? 1 : 0);
const byReply: Rule = { count: (a) => int(a.reply) };
const changed: Rule = { count: one };
/** Array replies: one per element popped (LPOP key count, ZPOPMIN's pairs halve). */
const popped = (a: After): number => {
	const r = a.reply;
	if (r.type === 'bulk') return r.value === null ? 0 : 1;
	if (r.type === 'array' && r.value) return r.value.length;
	return 0;
};
/** LMPOP/ZMPOP: [key, elements]. */
const mpopped = (a: After): number => {
	const r = a.reply;
	const inner = r.type === 'array' && r.value ? r.value[1] : undefined;
	return inner && inner.type === 'array' && inner.value ? inner.value.length : 0;
};
const notError = (n: (a: After) => number) => (a: After) => (a.reply.type === 'error' ? 0 : n(a));
/** *STORE commands: += stored elements (SORT) or 1, or 1 when an empty result deleted the target. */
const store: Rule = { count: one };

const listLength = (db: Db, key: string | undefined): number => {
	const o = key === undefined ? undefined : db.dict.get(key);
	return o?.type === 'list' ? o.value.length : 0;
};

/** zsetAdd's ADDED and UPDATED outcomes, as ZADD counted them (a member named twice counts twice). */
const rescored: Rule = { count: () => zaddResult.changes };

const RULES: Record<string, Rule> = {
	set: changed,
	setnx: changed,
	setex: changed,
	psetex: changed,
	getset: changed,
	getex: changed,
	getdel: changed,
	mset: { count: notError((a) => (a.argv.length - 1) >> 1) },
	msetnx: { count: (a) => (int(a.reply) === 1 ? (a.argv.length - 1) >> 1 : 0) },
	incr: changed,
	incrby: changed,
	decr: changed,
	decrby: changed,
	incrbyfloat: changed,
	append: changed,
	setrange: changed,
	// SETBIT counts when it created or grew the key or flipped the bit: exactly when it signals it.
	setbit: changed,
	bitop: changed,
	bitfield: { count: () => bitfieldResult.changes },
	del: byReply,
	unlink: byReply,
	rename: changed,
	renamenx: byReply,
	copy: byReply,
	move: byReply,
	flushdb: { before: (_s, db) => db.size, count: notError((a) => a.before as number) },
	// SWAPDB counts one, even when both indexes are the same.
	swapdb: { count: notError(() => 1) },
	// With save points, FLUSHALL saves the empty dataset after counting: dirty ends at 0.
	flushall: {
		before: (s) => s.dbs.reduce((n, db) => n + db.size, 0),
		count: notError((a) => (saveParams(a.server.config).length > 0 ? 0 : (a.before as number))),
	},
	sort: { count: (a) => (a.signals === 0 ? 0 : Math.max(1, int(a.reply))) },
	expire: changed,
	pexpire: changed,
	expireat: changed,
	pexpireat: changed,
	persist: byReply,
	hset: { count: notError((a) => (a.argv.length - 2) >> 1) },
	hmset: { count: notError((a) => (a.argv.length - 2) >> 1) },
	hsetnx: byReply,
	hdel: byReply,
	hincrby: changed,
	hincrbyfloat: changed,
	lpush: { count: notError((a) => a.argv.length - 2) },
	rpush: { count: notError((a) => a.argv.length - 2) },
	lpushx: { count: (a) => (int(a.reply) > 0 ? a.argv.length - 2 : 0) },
	rpushx: { count: (a) => (int(a.reply) > 0 ? a.argv.length - 2 : 0) },
	linsert: { count: (a) => (int(a.reply) > 0 ? 1 : 0) },
	lset: changed,
	lrem: byReply,
	ltrim: {
		before: (_s, db, argv) => listLength(db, argv[1]),
		count: (a) => (a.before as number) - listLength(a.db, a.argv[1]),
	},
	lpop: { count: popped },
	rpop: { count: popped },
	lmpop: { count: mpopped },
	blmpop: { count: mpopped },
	lmove: { count: popped },
	blmove: { count: popped },
	rpoplpush: { count: popped },
	brpoplpush: { count: popped },
	blpop: { count: (a) => (popped(a) > 0 ? 1 : 0) },
	brpop: { count: (a) => (popped(a) > 0 ? 1 : 0) },
	zadd: rescored,
	zincrby: rescored,
	zrangestore: store,
	zunionstore: store,
	zinterstore: store,
	zdiffstore: store,
	zrem: byReply,
	zremrangebyrank: byReply,
	zremrangebyscore: byReply,
	zremrangebylex: byReply,
	zpopmin: { count: (a) => popped(a) >> 1 },
	zpopmax: { count: (a) => popped(a) >> 1 },
	zmpop: { count: mpopped },
	bzmpop: { count: mpopped },
	bzpopmin: { count: (a) => (popped(a) > 0 ? 1 : 0) },
	bzpopmax: { count: (a) => (popped(a) > 0 ? 1 : 0) },
};

/** A write command this table does not know: an integer reply counts, else one per signal run. */
const FALLBACK: Rule = {
	count: (a) => (a.reply.type === 'integer' ? Math.max(0, int(a.reply)) : one(a)),
};

export function dirtyRule(base: string): DirtyRule {
	return RULES[base] ?? FALLBACK;
}
