import { describe, expect, it } from 'vitest';
import { fixture, int } from './commands/fixture.test-util.ts';
import { keyCost } from './memory.ts';
import { usedMemory } from './stats.ts';

/** ZADD key i member:i for i = 1..n, one pair per command (how the figures below were measured). */
function fill(f: ReturnType<typeof fixture>, key: string, n: number): void {
	for (let i = 1; i <= n; i++) f.run('ZADD', key, String(i), `member:${i}`);
}

const usage = (f: ReturnType<typeof fixture>, ...argv: string[]) => {
	const r = f.run('MEMORY', 'USAGE', ...argv);
	if (r.type !== 'integer') throw new Error(`not an integer: ${JSON.stringify(r)}`);
	return Number(r.value);
};

describe('MEMORY USAGE of a sorted set, against redis-server 7.0.15', () => {
	// Listpacks are exact: what a real server answers for the same commands.
	it.for([
		[1, 80],
		[10, 176],
		[128, 1840],
	])('a listpack of %i members takes %i bytes', ([n, bytes]) => {
		const f = fixture();
		fill(f, 'z', n!);
		expect(f.run('OBJECT', 'ENCODING', 'z')).toEqual({ type: 'bulk', value: 'listpack' });
		expect(usage(f, 'z')).toBe(bytes);
		expect(usage(f, 'z', 'SAMPLES', '0')).toBe(bytes);
	});

	// A skiplist's node sizes follow random levels and its dict may be mid-rehash, so a real
	// server answers differently each run: these are the spans measured over six runs each
	// (SAMPLES 0, every member counted), which the model must land in.
	it.for([
		[129, 15696, 15984],
		[1000, 101864, 102472],
		[10000, 1128904, 1132584],
	])('a skiplist of %i members lands in the measured span', ([n, lo, hi]) => {
		for (const seed of [1, 2, 3]) {
			const f = fixture({ seed });
			fill(f, 'z', n!);
			expect(f.run('OBJECT', 'ENCODING', 'z')).toEqual({ type: 'bulk', value: 'skiplist' });
			const all = usage(f, 'z', 'SAMPLES', '0');
			expect(all).toBeGreaterThanOrEqual(lo! - 0.01 * lo!);
			expect(all).toBeLessThanOrEqual(hi! + 0.01 * hi!);
		}
	});

	it('honours SAMPLES: the default is 5, and 0 counts every member', () => {
		const f = fixture();
		fill(f, 'z', 1000);
		expect(usage(f, 'z')).toBe(usage(f, 'z', 'SAMPLES', '5'));
		expect(usage(f, 'z', 'SAMPLES', '0')).toBe(usage(f, 'z', 'SAMPLES', '1000000'));
		expect(usage(f, 'z', 'SAMPLES', '0')).not.toBe(usage(f, 'z', 'SAMPLES', '1'));
	});
});

describe('used_memory follows a growing sorted set as a real server does', () => {
	// used_memory deltas measured on redis-server 7.0.15 for the same ZADDs.
	it.for([
		[1, 120],
		[128, 1848],
		[129, 16808],
		[1000, 110600],
		[10000, 1210384],
	])('%i members add about %i bytes', ([n, live]) => {
		const f = fixture();
		// Measured in sequence on one server: the first zset went into an empty keyspace (its
		// delta includes the main table's first 4 slots), the later ones into a table already there.
		if (n! > 1) f.set('other', 'x');
		const before = usedMemory(f.server);
		fill(f, 'y', n!);
		const delta = usedMemory(f.server) - before;
		// Random skiplist levels move a real server's figure by about ±1.5% from run to run.
		expect(Math.abs(delta - live!) / live!).toBeLessThan(0.025);
	});

	it('keeps db.bytes equal to the sum of every key’s cost through edits and deletions', () => {
		const f = fixture();
		fill(f, 'z', 300);
		f.run('ZADD', 'small', '1', 'a', '2.5', 'b');
		f.run('ZREM', 'z', 'member:1', 'member:2');
		f.run('ZINCRBY', 'small', '0.1', 'a');
		f.run('ZREMRANGEBYRANK', 'z', '0', '250');
		f.run('ZPOPMIN', 'small');
		f.run('ZUNIONSTORE', 'u', '2', 'z', 'small');
		let sum = 0;
		for (const [key, obj] of f.db().dict) sum += keyCost(key, obj);
		expect(f.db().bytes).toBe(sum);
		expect(f.run('ZCARD', 'z')).toEqual(int(47));
	});
});
