// The Lab in Node: the sandbox and a scenario on one world, replay equal to the live run, step
// back, mode switches that never mix logs, and Redis down as the console sees it.
import { describe, expect, it } from 'vitest';
import { entryText } from '../console/line-text.ts';
import { Lab } from './lab.ts';
import type { LabLog } from './lab-log.ts';

const lab = (seed = 1) => new Lab({ seed });

/** Everything a panel draws, as plain data, to compare two Labs. */
function picture(l: Lab) {
	const view = l.engine.inspect();
	return {
		now: l.clock.now(),
		keys: view.keys.map((k) => [k.name, k.preview, k.expiresAt, k.isExpired]),
		stats: view.stats,
		rows: l.world.db.log().map((q) => [q.sql, q.at]),
		timeline: l.world.timeline.map((e) => [e.lane, e.state, e.at, e.endAt]),
		reads: l.world.monitor.report().reads,
		console: l.items.map((i) => [i.prompt, i.entry]),
		log: l.log.map((e) => [e.source, e.at, e.event.type]),
		evictions: l.evictions.map((e) => e.key),
	};
}

/** A busy sandbox: keys with TTLs, requests, a DB update without invalidation, a stale read. */
function busy(l: Lab): void {
	l.submit('SETEX user:456:profile 300 "{\\"name\\": \\"Alice\\"}"');
	l.submit('CONFIG SET maxmemory-policy allkeys-lru');
	l.flow({ kind: 'request', userId: 7, ttlSeconds: 300 });
	l.tick(400);
	l.flow({ kind: 'update', userId: 7, strategy: 'db-only', ttlSeconds: 300 });
	l.tick(400);
	l.advance(10_000);
	l.flow({ kind: 'request', userId: 7, ttlSeconds: 300 });
	l.tick(50);
	l.submit('DEBUG POPULATE 50 pad 10');
	l.submit('EXPIRE pad:3 1');
	l.tick(5000);
}

describe('Lab', () => {
	it('rebuilds the live run exactly from its log, timers, flows and expiries included', () => {
		const live = lab(7);
		busy(live);
		expect(live.world.monitor.report().staleReads).toBe(1);
		const replayed = lab();
		replayed.load(JSON.parse(JSON.stringify(live.toLog())) as LabLog);
		expect(picture(replayed)).toEqual(picture(live));
		expect(replayed.seed).toBe(7);
	});

	it('steps back by replaying everything before the last input, up to its moment', () => {
		const l = lab();
		l.submit('SET a 1');
		l.advance(5000);
		l.submit('SET b 2');
		const before = picture(l);
		l.submit('DEL a');
		expect(l.stepBack()).toBe(true);
		expect(picture(l)).toEqual(before);
		expect(l.inputs).toHaveLength(3);
	});

	it('plays a scenario on the same world the console talks to', () => {
		const l = lab();
		l.reset(1, { kind: 'scenario', id: 'eviction', fixes: [] });
		while (l.step());
		const evicted = l.evictions.map((e) => e.key);
		expect(evicted.length).toBeGreaterThan(0);
		// The console sees the scenario's keyspace, and the log tells its evictions.
		l.submit('DBSIZE');
		const dbsize = l.items.at(-1)?.entry;
		expect(dbsize?.kind === 'replies' && dbsize.replies[0]).toEqual({
			type: 'integer',
			value: l.engine.inspect().keys.length,
		});
		expect(l.log.filter((e) => e.event.type === 'evicted')).toHaveLength(evicted.length);
		expect(l.engine.inspect().stats).toMatchObject({ evicted_keys: evicted.length });
	});

	it('keeps a sandbox log apart from a scenario: switching back replays it, unmixed', () => {
		const l = lab();
		l.submit('SET mine 1');
		const sandbox = l.toLog();
		l.reset(1, { kind: 'scenario', id: 'cold-miss-warm-hit', fixes: [] });
		l.step();
		l.step();
		expect(l.engine.inspect().keys.map((k) => k.name)).not.toContain('mine');
		l.load(sandbox);
		expect(l.engine.inspect().keys.map((k) => k.name)).toEqual(['mine']);
		expect(l.inputs.map((i) => i.kind)).toEqual(['line']);
		expect(l.world.timeline).toEqual([]);
	});

	it('while Redis is down, console commands get redis-cli’s connection error; meta-commands work', () => {
		const l = lab();
		l.flow({ kind: 'link', isDown: true });
		expect(l.prompt).toBe('not connected> ');
		l.submit('PING');
		expect(l.items.at(-1)).toMatchObject({
			prompt: 'not connected> ',
			entry: { kind: 'refused', input: 'PING' },
		});
		l.submit(':advance 1s');
		expect(l.items.at(-1)?.entry).toMatchObject({ kind: 'advanced', ms: 1000 });
		l.flow({ kind: 'link', isDown: false });
		l.submit('PING');
		expect(l.items.at(-1)?.entry).toMatchObject({ kind: 'replies', replies: [expect.anything()] });
	});

	it('Restart Redis loses what was not saved; the database keeps every row', () => {
		const l = lab();
		l.submit('SET saved 1');
		l.submit('SAVE');
		l.submit('SET unsaved 2');
		l.flow({ kind: 'request', userId: 7, ttlSeconds: 300 });
		l.tick(1000);
		expect(
			l.engine
				.inspect()
				.keys.map((k) => k.name)
				.sort(),
		).toEqual(['saved', 'unsaved', 'user:7']);
		l.flow({ kind: 'restart' });
		expect(l.engine.inspect().keys.map((k) => k.name)).toEqual(['saved']);
		expect(l.log.at(-1)?.event).toEqual({ type: 'restart', keys: 1 });
		// With no save points (the usual cache set-up) nothing comes back; the DB still answers.
		l.submit('CONFIG SET save ""');
		l.submit('FLUSHALL');
		l.flow({ kind: 'restart' });
		l.flow({ kind: 'request', userId: 7, ttlSeconds: 300 });
		l.tick(1000);
		expect(l.world.monitor.report()).toMatchObject({ misses: 2, hits: 0 });
		expect(l.world.db.peek(7)).toBeDefined();
		// The log replays all of it.
		const again = lab();
		again.load(l.toLog());
		expect(again.engine.inspect().keys.map((k) => k.name)).toEqual(
			l.engine.inspect().keys.map((k) => k.name),
		);
	});

	it('after SHUTDOWN the console is not connected until Redis is restarted', () => {
		const l = lab();
		l.submit('SET k v');
		l.submit('SHUTDOWN');
		expect(l.items.at(-1)?.entry).toEqual({ kind: 'closed', input: 'SHUTDOWN' });
		expect(l.prompt).toBe('not connected> ');
		l.submit('GET k');
		expect(l.items.at(-1)?.entry.kind).toBe('refused');
		l.flow({ kind: 'restart' });
		expect(l.prompt).toBe('127.0.0.1:6379> ');
		// SHUTDOWN saved first (the default save points are set), so the key is back.
		l.submit('GET k');
		expect(l.items.at(-1)?.entry).toMatchObject({ kind: 'replies', replies: [{ type: 'bulk' }] });
	});

	it('after HELLO 3 the console prints replies as redis-cli does in RESP3, until HELLO 2', () => {
		const l = lab();
		const shown = (line: string) => {
			l.submit(line);
			const entry = l.items.at(-1)?.entry;
			return entry ? entryText(entry).output : null;
		};
		shown('HSET h a 1');
		shown('ZADD z 1.5 m');
		expect(shown('HGETALL h')).toBe('1) "a"\n2) "1"');
		// HELLO's own reply is sent in the protocol it chose, as live redis-cli 7.0 shows it.
		expect(shown('HELLO 3')).toMatch(
			/^1# "server" => "redis"\n2# "version" => "7\.0\.15"\n3# "proto" => \(integer\) 3\n/,
		);
		expect(shown('HGETALL h')).toBe('1# "a" => "1"');
		expect(shown('ZSCORE z m')).toBe('(double) 1.5');
		expect(shown('CONFIG GET maxmemory')).toBe('1# "maxmemory" => "0"');
		// DEBUG PROTOCOL's booleans and verbatim text, as a live redis-cli 7.0.15 prints them.
		expect(shown('DEBUG PROTOCOL true')).toBe('(true)');
		expect(shown('DEBUG PROTOCOL map')).toBe(
			'1# (integer) 0 => (false)\n2# (integer) 1 => (true)\n3# (integer) 2 => (false)',
		);
		expect(shown('DEBUG PROTOCOL verbatim')).toBe('This is a verbatim\nstring');
		expect(shown('HELLO 2')).toMatch(/^ 1\) "server"\n 2\) "redis"\n/);
		expect(shown('ZSCORE z m')).toBe('"1.5"');
		expect(shown('DEBUG PROTOCOL true')).toBe('(integer) 1');
		expect(shown('DEBUG PROTOCOL verbatim')).toBe('"This is a verbatim\\nstring"');
		// A restarted server is a new connection: RESP2 again.
		shown('HELLO 3');
		l.flow({ kind: 'restart' });
		expect(shown('ZSCORE z m')).toBe('(nil)');
		expect(shown('HGETALL h')).toBe('(empty array)');
	});

	it('`:reset` starts a fresh world and an empty log', () => {
		const l = lab();
		l.submit('SET a 1');
		l.submit(':reset');
		expect(l.inputs).toEqual([]);
		expect(l.engine.inspect().keys).toEqual([]);
		expect(l.items).toEqual([]);
	});

	it('tells listeners what changed: the reply, then what time did', () => {
		const l = lab();
		const heard: string[] = [];
		l.subscribe((c) => heard.push(c));
		l.submit('SET k v PX 100');
		expect(heard).toContain('console');
		heard.length = 0;
		l.tick(50);
		expect(heard).toEqual([]);
		l.tick(200);
		expect(heard).toContain('log');
	});
});
