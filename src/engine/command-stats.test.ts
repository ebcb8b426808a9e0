import { describe, expect, it } from 'vitest';
import { serverFixture } from './commands/server.test-util.ts';

/** INFO <section> as a map of field → value. */
function info(f: ReturnType<typeof serverFixture>, section: string): Map<string, string> {
	const r = f.run('INFO', section);
	const text = r.type === 'bulk' ? (r.value ?? '') : '';
	const out = new Map<string, string>();
	for (const line of text.split('\r\n')) {
		const at = line.indexOf(':');
		if (at > 0) out.set(line.slice(0, at), line.slice(at + 1));
	}
	return out;
}

const stat = (calls: number, rejected = 0, failed = 0, usec = 0) =>
	`calls=${calls},usec=${usec},usec_per_call=${(calls ? usec / calls : 0).toFixed(2)},` +
	`rejected_calls=${rejected},failed_calls=${failed}`;

describe('INFO commandstats and errorstats', () => {
	it('counts calls, refusals (arity, OOM, MULTI) and failures as Redis does', () => {
		const f = serverFixture();
		f.run('SET', 'a', '1');
		f.run('GET', 'a');
		f.run('GET'); // arity: rejected
		f.run('INCR', 'a', 'x'); // arity: rejected
		f.run('HSET', 'a', 'f', 'v'); // WRONGTYPE: ran and failed
		f.run('CONFIG'); // a bare container is refused as itself
		f.run('CONFIG', 'NOSUCH'); // an unknown subcommand finds no command
		f.run('NOSUCH');
		f.run('CONFIG', 'GET', 'hz');
		const s = info(f, 'commandstats');
		expect(s.get('cmdstat_set')).toBe(stat(1));
		expect(s.get('cmdstat_get')).toBe(stat(1, 1));
		expect(s.get('cmdstat_incr')).toBe(stat(0, 1));
		expect(s.get('cmdstat_hset')).toBe(stat(1, 0, 1));
		expect(s.get('cmdstat_config')).toBe(stat(0, 1));
		expect(s.get('cmdstat_config|get')).toBe(stat(1));
		expect([...s.keys()]).toEqual([
			'cmdstat_config',
			'cmdstat_config|get',
			'cmdstat_get',
			'cmdstat_hset',
			'cmdstat_incr',
			'cmdstat_set',
		]);
		const e = info(f, 'errorstats');
		expect([...e]).toEqual([
			['errorstat_ERR', 'count=5'],
			['errorstat_WRONGTYPE', 'count=1'],
		]);
	});

	it('MULTI: queued commands are not calls, refused ones are, EXEC and its commands are', () => {
		const f = serverFixture();
		f.run('MULTI');
		f.run('SET', 'k', 'v');
		f.run('GET'); // refused at queue time, dooms the transaction
		f.run('MULTI'); // runs and fails
		f.run('EXEC'); // EXECABORT: EXEC ran and failed
		f.set('k', 'v');
		f.run('MULTI');
		f.run('INCR', 'k');
		f.run('EXEC'); // INCR fails inside; EXEC itself does not
		const s = info(f, 'commandstats');
		expect(s.get('cmdstat_multi')).toBe(stat(3, 0, 1));
		expect(s.get('cmdstat_exec')).toBe(stat(2, 0, 1));
		expect(s.get('cmdstat_get')).toBe(stat(0, 1));
		expect(s.get('cmdstat_incr')).toBe(stat(1, 0, 1));
		expect(s.has('cmdstat_set')).toBe(false);
		expect(info(f, 'errorstats').get('errorstat_EXECABORT')).toBe('count=1');
	});

	it('measures time on the virtual clock and resets with CONFIG RESETSTAT', () => {
		const f = serverFixture();
		f.run('DEBUG', 'SLEEP', '0.25');
		f.run('DEBUG', 'SLEEP', '0');
		expect(info(f, 'commandstats').get('cmdstat_debug')).toBe(stat(2, 0, 0, 250000));
		f.run('CONFIG', 'RESETSTAT');
		expect([...info(f, 'commandstats')]).toEqual([['cmdstat_config|resetstat', stat(1)]]);
		expect([...info(f, 'errorstats')]).toEqual([]);
		// A command seen before the reset counts from zero in the new table.
		f.run('DEBUG', 'SLEEP', '0');
		expect(info(f, 'commandstats').get('cmdstat_debug')).toBe(stat(1));
	});

	it('keeps each server its own counters when two run the same commands in turn', () => {
		const a = serverFixture();
		const b = serverFixture();
		a.run('GET', 'k');
		b.run('GET', 'k');
		a.run('GET', 'k');
		b.run('EXISTS', 'k');
		a.run('EXISTS', 'k');
		expect(info(a, 'commandstats').get('cmdstat_get')).toBe(stat(2));
		expect(info(b, 'commandstats').get('cmdstat_get')).toBe(stat(1));
		expect(info(a, 'commandstats').get('cmdstat_exists')).toBe(stat(1));
		expect(info(b, 'commandstats').get('cmdstat_exists')).toBe(stat(1));
	});

	it('refuses writes on OOM as rejected calls', () => {
		const f = serverFixture();
		f.set('big', 'x'.repeat(10_000));
		f.run('CONFIG', 'SET', 'maxmemory', '1');
		f.run('SET', 'a', '1');
		expect(info(f, 'commandstats').get('cmdstat_set')).toBe(stat(0, 1));
		expect(info(f, 'errorstats').get('errorstat_OOM')).toBe('count=1');
	});
});
