// Property-based differential test of the set commands: random SADD/SREM/SMOVE/SPOP and set
// algebra over a few keys, played on a fresh engine and on a live redis-server. A hashtable's
// members come back in Redis's seeded order, so the replies of commands that list members are
// compared as sorted lists; everything else must be identical. Left out because the answer is a
// random draw: SPOP and SRANDMEMBER counts smaller than the set (SPOP would then leave different
// sets behind), and MEMORY USAGE of a hashtable (it samples members in that seeded order, and a
// growing table's rehash progress depends on which of its buckets are empty).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine, type Reply } from '../../src/engine/index.ts';
import { canon, quoteArg, type Argv } from './differential-model.ts';
import { liveRedis } from './live.ts';
import { RESET_COMMANDS } from './server.ts';

const SEED = Number(process.env['FC_SEED'] ?? 20251204);
const RUNS = Number(process.env['FC_RUNS'] ?? 600);

const MEMBERS = [
	'1', '2', '3', '-5', '10', '70000', '9223372036854775807', '-9223372036854775808', '007',
	'+1', '', 'a', 'b', 'c', 'x y', '\xff',
]; // prettier-ignore
const KEYS = ['s1', 's2', 's3'];
const PATTERNS = ['*', '1*', '[ab]', '?', 'x*'];

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const key = fc.oneof(
	{ weight: 8, arbitrary: pick(KEYS) },
	{ weight: 1, arbitrary: pick(['str', 'none']) },
);
const keys = fc.array(key, { minLength: 1, maxLength: 3 });
const members = fc.array(pick(MEMBERS), { minLength: 1, maxLength: 4 });
const many = pick([100, 511, 512, 513]).map((n) =>
	Array.from({ length: n }, (_, i) => String(i * 3 - 40)),
);

const command: fc.Arbitrary<Argv> = fc.oneof(
	{ weight: 6, arbitrary: fc.tuple(key, members).map(([k, ms]) => ['SADD', k, ...ms]) },
	{ weight: 2, arbitrary: fc.tuple(key, many).map(([k, ms]) => ['SADD', k, ...ms]) },
	{ weight: 3, arbitrary: fc.tuple(key, members).map(([k, ms]) => ['SREM', k, ...ms]) },
	{ weight: 2, arbitrary: fc.tuple(key, key, pick(MEMBERS)).map(([a, b, m]) => ['SMOVE', a, b, m]) },
	{ weight: 2, arbitrary: fc.tuple(key, pick(MEMBERS)).map(([k, m]) => ['SISMEMBER', k, m]) },
	{ weight: 1, arbitrary: fc.tuple(key, members).map(([k, ms]) => ['SMISMEMBER', k, ...ms]) },
	{ weight: 2, arbitrary: key.map((k) => ['SCARD', k]) },
	{ weight: 2, arbitrary: key.map((k) => ['SMEMBERS', k]) },
	{ weight: 2, arbitrary: key.map((k) => ['OBJECT', 'ENCODING', k]) },
	{ weight: 1, arbitrary: key.map((k) => ['TYPE', k]) },
	{ weight: 1, arbitrary: key.map((k) => ['SRANDMEMBER', k, '600']) },
	{ weight: 1, arbitrary: key.map((k) => ['SPOP', k, '600']) },
	{ weight: 1, arbitrary: key.map((k) => ['SPOP', k, '0']) },
	{ weight: 2, arbitrary: fc.tuple(pick(['SINTER', 'SUNION', 'SDIFF']), keys).map(([c, ks]) => [c, ...ks]) },
	{
		weight: 2,
		arbitrary: fc
			.tuple(pick(['SINTERSTORE', 'SUNIONSTORE', 'SDIFFSTORE']), key, keys)
			.map(([c, d, ks]) => [c, d, ...ks]),
	},
	{
		weight: 1,
		arbitrary: fc
			.tuple(keys, pick([[], ['LIMIT', '0'], ['LIMIT', '2'], ['LIMIT', '-1']]))
			.map(([ks, lim]) => ['SINTERCARD', String(ks.length), ...ks, ...lim]),
	},
	{
		weight: 1,
		arbitrary: fc
			.tuple(key, pick(PATTERNS))
			.map(([k, p]) => ['SSCAN', k, '0', 'MATCH', p, 'COUNT', '10000']),
	},
	{ weight: 1, arbitrary: key.map((k) => ['SET', k, 'v']) },
); // prettier-ignore

/** Commands whose member lists come in a hashtable's own (seeded) order. */
const UNORDERED = new Set(['SMEMBERS', 'SINTER', 'SUNION', 'SDIFF', 'SRANDMEMBER', 'SPOP']);

/** A reply with the member lists an unordered command returns sorted (SSCAN: its second item). */
function normalized(argv: Argv, r: Reply): string {
	const name = argv[0]!.toUpperCase();
	const sorted = (x: Reply): Reply =>
		x.type === 'array' && x.value
			? { type: 'array', value: [...x.value].sort((a, b) => (canon(a) < canon(b) ? -1 : 1)) }
			: x;
	if (UNORDERED.has(name)) return canon(sorted(r));
	if (name === 'SSCAN' && r.type === 'array' && r.value?.length === 2)
		return canon({ type: 'array', value: [r.value[0]!, sorted(r.value[1]!)] });
	return canon(r);
}

const scenario = fc.array(command, { minLength: 10, maxLength: 30 });

describe('sets: engine vs redis-server on random set commands', () => {
	const redis = liveRedis();

	it(`${RUNS} scenarios reply alike`, { timeout: 300_000 }, async (ctx) => {
		const live = redis.connection(ctx);
		let failure: string | null = null;
		const property = fc.asyncProperty(scenario, async (cmds) => {
			const seq: Argv[] = [...cmds, ...KEYS.map((k) => ['SMEMBERS', k])];
			const replies = await live.pipeline([...RESET_COMMANDS, ...seq]);
			const real = replies.slice(RESET_COMMANDS.length);
			const engine = createEngine();
			const mine: Reply[] = seq.map((argv) => engine.exec(argv));
			engine.dispose();
			const i = seq.findIndex(
				(argv, j) => normalized(argv, mine[j]!) !== normalized(argv, real[j]!),
			);
			if (i === -1) return true;
			failure = [
				...seq.slice(0, i + 1).map((argv) => `> ${argv.map(quoteArg).join(' ').slice(0, 200)}`),
				`redis:  ${normalized(seq[i]!, real[i]!).slice(0, 400)}`,
				`engine: ${normalized(seq[i]!, mine[i]!).slice(0, 400)}`,
			].join('\n');
			return false;
		});
		const details = await fc.check(property, { seed: SEED, numRuns: RUNS });
		if (details.failed) expect.fail(failure ?? String(details.errorInstance));
	});
});
