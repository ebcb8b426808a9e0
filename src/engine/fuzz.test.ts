// Fuzz: random typed lines (bytes, quotes, unbalanced quotes, 1 MB values, every command name with
// random arguments) through the console's splitArgs and engine.exec. exec must never throw, never
// answer 'ERR internal engine error' (engine.ts's catch-all), and every reply must be well formed.
// Seeded (FUZZ_SEED=<n> to change); FUZZ_LINES=<n> sets the count.
import { CONNECTION_CLOSED } from './restart.ts';
import { describe, expect, it } from 'vitest';
import { formatReply } from '../console/format.ts';
import { splitArgs } from '../console/tokenize.ts';
import { createEngine, Random, type Engine, type Reply } from './index.ts';

const SEED = Number(process.env['FUZZ_SEED'] ?? 7);
const LINES = Number(process.env['FUZZ_LINES'] ?? 100_000);
const HUGE_LINES = 6; // 1 MB arguments, a few per run
const FRESH_ENGINE_EVERY = 2_000;

/** Every command Cache Lab aims to support, so the fuzz covers names not in the table yet. */
const KNOWN =
	`GET SET SETEX PSETEX SETNX GETSET GETEX GETDEL MGET MSET MSETNX INCR INCRBY DECR DECRBY
INCRBYFLOAT APPEND STRLEN GETRANGE SETRANGE SUBSTR DEL UNLINK EXISTS TYPE KEYS SCAN RANDOMKEY RENAME
RENAMENX COPY TOUCH DBSIZE FLUSHDB FLUSHALL SELECT MOVE EXPIRE PEXPIRE EXPIREAT PEXPIREAT TTL PTTL
EXPIRETIME PEXPIRETIME PERSIST HSET HGET HMGET HGETALL HDEL HEXISTS HLEN HKEYS HVALS HINCRBY
HINCRBYFLOAT HSETNX HSTRLEN HRANDFIELD HSCAN PING ECHO TIME INFO CONFIG OBJECT MEMORY DEBUG COMMAND
MULTI EXEC DISCARD WATCH UNWATCH HMSET QUIT RESET CLIENT HELLO LPUSH RPUSH LPUSHX RPUSHX LPOP RPOP
LLEN LRANGE LINDEX LSET LINSERT LREM LTRIM LPOS LMOVE RPOPLPUSH LMPOP BLPOP BRPOP BLMOVE BRPOPLPUSH
BLMPOP ZADD ZINCRBY ZSCORE ZMSCORE ZCARD ZCOUNT ZLEXCOUNT ZRANGE ZRANGESTORE ZREVRANGE ZRANGEBYSCORE
ZREVRANGEBYSCORE ZRANGEBYLEX ZREVRANGEBYLEX ZRANK ZREVRANK ZREM ZREMRANGEBYRANK ZREMRANGEBYSCORE
ZREMRANGEBYLEX ZUNION ZINTER ZDIFF ZUNIONSTORE ZINTERSTORE ZDIFFSTORE ZINTERCARD ZRANDMEMBER ZSCAN
ZPOPMIN ZPOPMAX ZMPOP BZPOPMIN BZPOPMAX BZMPOP SADD SREM SMEMBERS SISMEMBER SMISMEMBER SCARD SPOP
SRANDMEMBER SMOVE SINTER SINTERCARD SINTERSTORE SUNION SUNIONSTORE SDIFF SDIFFSTORE SSCAN SETBIT
GETBIT BITCOUNT BITPOS BITOP BITFIELD BITFIELD_RO LCS SORT SORT_RO SAVE BGSAVE LASTSAVE`.split(
		/\s+/,
	);
const SUBCOMMANDS = `GET SET RESETSTAT HELP ENCODING IDLETIME FREQ REFCOUNT USAGE SLEEP
SET-ACTIVE-EXPIRE COUNT INFO DOCS LIST`.split(/\s+/);
const WORDS =
	`k k1 k2 h1 f1 f2 v * ? [a-z] \\ EX PX EXAT PXAT NX XX GT LT GET KEEPTTL PERSIST REPLACE
DB MATCH COUNT TYPE string hash WITHVALUES SAMPLES maxmemory maxmemory-policy hz allkeys-lru
volatile-lfu lfu-log-factor active-expire-effort 100mb 1gb -1 0 1 2 10 100 0.5 -0.5 1e3 +7 007
9223372036854775807 -9223372036854775808 9223372036854775808 18446744073709551616 536870911
1e308 -1e308 inf -inf nan 0x10 caf\u00e9 \u{1F600}
LEFT RIGHT BEFORE AFTER RANK MAXLEN l1 list
z1 zset CH INCR WITHSCORES BYSCORE BYLEX REV LIMIT WEIGHTS AGGREGATE SUM MIN MAX
( (1 [a - +
s1 s2 set BYTE BIT AND OR XOR NOT OVERFLOW WRAP SAT FAIL u8 i16 #1 LEN IDX MINMATCHLEN WITHMATCHLEN
BY ALPHA ASC DESC STORE nosort SCHEDULE`.split(/\s+/);
/** DEBUG SLEEP really advances the virtual clock; keep it short so the run stays fast. */
const DEBUG_ARGS = ['SLEEP', 'SET-ACTIVE-EXPIRE', '0', '1', '0.01', '0.5', 'x', '-1', 'RELOAD'];

interface Failure {
	readonly line: string;
	readonly problem: string;
}

const ERROR_CODE = /^[A-Z][A-Z_-]* /;
const isBinary = (s: string) => {
	for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return false;
	return true;
};

/** Why `r` is not a valid RESP reply, or null. */
function malformed(r: Reply, depth = 0): string | null {
	// COMMAND DOCS nests commands, subcommands and argument blocks about ten deep, as Redis does.
	if (depth > 16) return 'nesting deeper than 16';
	switch (r.type) {
		case 'status':
		case 'error':
			if (typeof r.value !== 'string') return `${r.type} value is not a string`;
			if (/[\r\n]/.test(r.value)) return `${r.type} contains CR or LF: ${JSON.stringify(r.value)}`;
			if (!isBinary(r.value)) return `${r.type} holds chars above 0xff`;
			if (r.type === 'error' && !ERROR_CODE.test(r.value))
				return `error without a code: ${r.value}`;
			return null;
		case 'integer':
			if (typeof r.value === 'number') return Number.isSafeInteger(r.value) ? null : 'bad integer';
			return r.value >= -(2n ** 63n) && r.value < 2n ** 63n ? null : 'integer beyond int64';
		case 'bulk':
			if (r.value === null) return null;
			return typeof r.value === 'string' && isBinary(r.value) ? null : 'bulk not a binary string';
		case 'double':
			return Number.isNaN(Number(r.value)) && !/^-?inf$/.test(r.value) ? 'bad double' : null;
		case 'array':
			if (r.value === null) return null;
			if (!Array.isArray(r.value)) return 'array value is not an array';
			for (const item of r.value) {
				const bad = malformed(item, depth + 1);
				if (bad) return `in array: ${bad}`;
			}
			return null;
		default:
			return `unknown reply type ${JSON.stringify(r)}`;
	}
}

class LineMaker {
	readonly #rng: Random;
	readonly #names: readonly string[];

	constructor(seed: number, names: readonly string[]) {
		this.#rng = new Random(seed);
		this.#names = names;
	}

	#pick<T>(xs: readonly T[]): T {
		return xs[this.#rng.int(xs.length)] as T;
	}

	#randomText(max: number): string {
		let s = '';
		const n = this.#rng.int(max + 1);
		for (let i = 0; i < n; i++) {
			const roll = this.#rng.int(10);
			const code =
				roll < 5
					? 0x20 + this.#rng.int(0x5f) // printable ASCII
					: roll < 7
						? this.#rng.int(0x20) // control bytes, NUL, CR, LF
						: roll < 9
							? 0x80 + this.#rng.int(0x700) // Latin, Greek, Cyrillic…
							: 0x1f600 + this.#rng.int(0x40); // emoji (surrogate pairs)
			s += String.fromCodePoint(code);
		}
		return s;
	}

	#arg(): string {
		const roll = this.#rng.int(20);
		if (roll < 9) return this.#pick(WORDS);
		if (roll < 12) return String(this.#rng.int(2000) - 1000);
		if (roll < 14) return `"${this.#randomText(8).replace(/["\\]/g, '')}"`;
		if (roll < 15) return `"\\x${this.#rng.int(256).toString(16).padStart(2, '0')}\\n\\t"`;
		if (roll < 16) return `'${this.#randomText(6).replace(/['\\]/g, '')}'`;
		if (roll < 17) return this.#pick(['"', "'", '"abc', "'x", '"a"b', "'a'b", '\\', '""', "''"]);
		return this.#randomText(6).replace(/\s/g, '');
	}

	#command(): string {
		const name = this.#rng.int(12) === 0 ? this.#randomText(8) : this.#pick(this.#names);
		const cased = this.#rng.int(3) === 0 ? name.toLowerCase() : name;
		const parts = [cased];
		if (name.toUpperCase() === 'DEBUG') {
			for (let i = this.#rng.int(4); i > 0; i--) parts.push(this.#pick(DEBUG_ARGS));
			return parts.join(' ');
		}
		if (this.#rng.int(3) === 0) parts.push(this.#pick(SUBCOMMANDS));
		for (let i = this.#rng.int(7); i > 0; i--) parts.push(this.#arg());
		return parts.join(' ');
	}

	line(): string {
		const roll = this.#rng.int(100);
		if (roll < 70) return this.#command();
		if (roll < 80) return this.#randomText(40);
		if (roll < 85) return this.#pick(['', ' ', '\t', '   ', '\r', '""', "''"]);
		return `${this.#command()} ${this.#pick(['"', "'", '"x\\"', "'y\\'", '"\\x', '"a"b'])}`;
	}

	huge(i: number): string {
		const size = 1 + this.#rng.int(1024 * 1024);
		const body = 'x'.repeat(size);
		const form = [`SET big ${body}`, `APPEND big ${body}`, `HSET hbig f ${body}`, `"${body}"`];
		return form[i % form.length] as string;
	}
}

function check(engine: Engine, line: string, failures: Failure[]): void {
	const argv = splitArgs(line);
	if (argv === null || argv.length === 0) return;
	let reply: Reply;
	try {
		reply = engine.exec(argv);
	} catch (e) {
		failures.push({ line, problem: `exec threw: ${String(e)}` });
		return;
	}
	// SHUTDOWN's closed connection: no reply at all, as the markers say.
	if (reply === CONNECTION_CLOSED) return;
	const bad =
		reply.type === 'error' && reply.value.startsWith('ERR internal engine error')
			? reply.value
			: malformed(reply);
	if (bad) {
		failures.push({ line, problem: bad });
		return;
	}
	try {
		formatReply(reply);
	} catch (e) {
		failures.push({ line, problem: `formatReply threw: ${String(e)}` });
	}
}

const shorten = (s: string) => (s.length > 200 ? `${s.slice(0, 200)}… (${s.length} chars)` : s);

describe('fuzz: random lines through splitArgs and engine.exec', () => {
	it(`${LINES} lines: exec never throws, never fails internally, replies well formed`, () => {
		const probe = createEngine();
		const names = [
			...new Set([...probe.commands().map((c) => c.name.split('|')[0] ?? c.name), ...KNOWN]),
		];
		probe.dispose();
		const maker = new LineMaker(SEED, names);
		const failures: Failure[] = [];
		let engine = createEngine({ seed: SEED });
		const hugeAt = new Set(Array.from({ length: HUGE_LINES }, (_, i) => (i + 1) * 9_001));
		for (let i = 0; i < LINES; i++) {
			if (i % FRESH_ENGINE_EVERY === 0) {
				engine.dispose();
				engine = createEngine({ seed: SEED + i });
			}
			check(engine, hugeAt.has(i) ? maker.huge(i) : maker.line(), failures);
			// A SHUTDOWN that went through stops the server: start it again, from its snapshot.
			if (!engine.isRunning) engine.restart();
		}
		engine.dispose();
		console.log(`fuzz: ${LINES} lines (seed ${SEED}), ${failures.length} failures`);
		const report = failures
			.slice(0, 20)
			.map((f) => `  ${JSON.stringify(shorten(f.line))}\n    → ${shorten(f.problem)}`)
			.join('\n');
		expect(failures.length, `fuzz failures (seed ${SEED}):\n${report}`).toBe(0);
		// 100,000 lines take 4–5 s alone and several times that on a busy two-core machine.
	}, 60_000);
});
