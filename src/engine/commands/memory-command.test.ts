import { describe, expect, it } from 'vitest';
import { OK_REPLY, err, int, serverFixture, str } from './server.test-util.ts';

describe('MEMORY USAGE', () => {
	/** Every row measured on redis-server 7.0.15. */
	const rows: [string, string, number][] = [
		...['1', '123', '9999', '-1'].map((v): [string, string, number] => ['k', v, 48]),
		...['a', 'hello', 'x'.repeat(8)].map((v): [string, string, number] => ['k', v, 64]),
		['k', 'x'.repeat(16), 80],
		['k', 'x'.repeat(20), 80],
		['k', '12345678901234567890', 80],
		['k', 'x'.repeat(30), 96],
		['k', 'x'.repeat(44), 96],
		['k', 'x'.repeat(45), 112],
		['k', 'x'.repeat(60), 112],
		['k', 'x'.repeat(64), 128],
		['k', 'x'.repeat(100), 160],
		['k', 'x'.repeat(200), 272],
		['k', 'x'.repeat(255), 368],
		['k', 'x'.repeat(300), 368],
		['k', 'x'.repeat(1000), 1072],
		['k', 'x'.repeat(4000), 4144],
		['k', 'x'.repeat(10000), 10288],
		['k', 'x'.repeat(40000), 41008],
		['user:456:profile', '{"name": "Alice", "role": "admin"}', 120],
		['k'.repeat(31), '1', 88],
		['k'.repeat(33), '1', 88],
		['k'.repeat(40), 'x'.repeat(10), 104],
		['k'.repeat(60), 'x'.repeat(10), 120],
	];

	it.for(rows)('%s = %s… → %i', ([key, value, bytes]) => {
		const f = serverFixture();
		f.set(key, value);
		expect(f.run('MEMORY', 'USAGE', key)).toEqual(int(bytes));
	});

	it('sees ghosts, counts no stats, nil for a missing key', () => {
		const f = serverFixture();
		f.set('ghost', 'hello', -1);
		expect(f.run('MEMORY', 'USAGE', 'ghost')).toEqual(int(64));
		expect(f.run('MEMORY', 'USAGE', 'nokey')).toEqual(str(null));
		expect(f.db.size).toBe(1);
		expect(f.server.stats.keyspace_misses + f.server.stats.keyspace_hits).toBe(0);
	});

	it('SAMPLES: checked before the lookup, as Redis does', () => {
		const f = serverFixture();
		f.set('s', 'hello');
		expect(f.run('MEMORY', 'USAGE', 's', 'SAMPLES', '5')).toEqual(int(64));
		expect(f.run('MEMORY', 'USAGE', 's', 'samples', '0', 'SAMPLES', '7')).toEqual(int(64));
		const syntax = err('ERR syntax error');
		expect(f.run('MEMORY', 'USAGE', 's', 'SAMPLES')).toEqual(syntax);
		expect(f.run('MEMORY', 'USAGE', 's', 'SAMPLES', '-1')).toEqual(syntax);
		expect(f.run('MEMORY', 'USAGE', 's', 'FOO', '5')).toEqual(syntax);
		expect(f.run('MEMORY', 'USAGE', 's', 'SAMPLES', '5', 'x')).toEqual(syntax);
		expect(f.run('MEMORY', 'USAGE', 'nokey', 'SAMPLES', 'abc')).toEqual(
			err('ERR value is not an integer or out of range'),
		);
		expect(f.run('MEMORY', 'USAGE')).toEqual(
			err("ERR wrong number of arguments for 'memory|usage' command"),
		);
	});
});

describe('MEMORY STATS, DOCTOR, PURGE, HELP', () => {
	it('STATS: the overhead figures as a flat map, db.N nested', () => {
		const f = serverFixture();
		f.set('a', '1');
		f.set('b', '2', 100_000);
		const r = f.run('MEMORY', 'STATS');
		if (r.type !== 'array' || !r.value) throw new Error('not an array');
		const names = r.value.filter((_, i) => i % 2 === 0).map((x) => x.value);
		expect(names.slice(0, 11)).toEqual([
			...['peak.allocated', 'total.allocated', 'startup.allocated', 'replication.backlog'],
			...['clients.slaves', 'clients.normal', 'cluster.links', 'aof.buffer', 'lua.caches'],
			...['functions.caches', 'db.0'],
		]);
		expect(names.slice(11)).toEqual([
			...['overhead.total', 'keys.count', 'keys.bytes-per-key', 'dataset.bytes'],
			...['dataset.percentage', 'peak.percentage', 'allocator.allocated', 'allocator.active'],
			...['allocator.resident', 'allocator-fragmentation.ratio', 'allocator-fragmentation.bytes'],
			...['allocator-rss.ratio', 'allocator-rss.bytes', 'rss-overhead.ratio', 'rss-overhead.bytes'],
			...['fragmentation', 'fragmentation.bytes'],
		]);
		expect(r.value[21]).toEqual({
			type: 'array',
			value: [
				str('overhead.hashtable.main'),
				int(2 * 24 + 4 * 8),
				str('overhead.hashtable.expires'),
				int(24 + 4 * 8),
				str('overhead.hashtable.slot-to-keys'),
				int(0),
			],
		});
		expect(r.value[25]).toEqual(int(2));
	});

	it('DOCTOR on a near-empty instance, PURGE, HELP, arity', () => {
		const f = serverFixture();
		const doctor = f.run('MEMORY', 'DOCTOR');
		expect(
			doctor.type === 'bulk' && doctor.value?.startsWith('Hi Sam, this instance is empty'),
		).toBe(true);
		expect(f.run('MEMORY', 'PURGE')).toEqual(OK_REPLY);
		expect(f.run('MEMORY', 'PURGE', 'x')).toEqual(
			err("ERR wrong number of arguments for 'memory|purge' command"),
		);
		const help = f.run('MEMORY', 'HELP');
		expect(help.type === 'array' && help.value?.length).toBe(14);
		expect(f.run('MEMORY', 'FOO')).toEqual(err("ERR unknown subcommand 'FOO'. Try MEMORY HELP."));
		expect(f.run('MEMORY')).toEqual(err("ERR wrong number of arguments for 'memory' command"));
	});
});
