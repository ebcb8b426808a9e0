import { describe, expect, it } from 'vitest';
import { VirtualClock } from './clock.ts';
import { createEngine } from './engine.ts';
import type { Reply } from './reply.ts';
import { CONNECTION_CLOSED, CONNECTION_REFUSED } from './restart.ts';
import { createClientState } from './client.ts';
import { DEFAULT_CONFIG } from './config.ts';
import { startCron } from './cron.ts';
import { processCommand } from './dispatch.ts';
import { Random } from './random.ts';
import { Server } from './server.ts';

const START = 1_767_268_800_000; // 2026-01-01 12:00:00 UTC
const START_S = START / 1000;

function setup(config: Record<string, string> = {}) {
	const clock = new VirtualClock(START);
	const e = createEngine({ clock, config: { stored: config } });
	const run = (...argv: string[]): Reply => e.exec(argv);
	const info = (field: string): string => {
		const r = run('INFO', 'persistence');
		const m = new RegExp(`^${field}:(.*)\\r$`, 'm').exec(String(r.value));
		if (!m) throw new Error(`no ${field}`);
		return m[1]!;
	};
	const dirty = () => Number(info('rdb_changes_since_last_save'));
	return { clock, e, run, info, dirty };
}

const int = (value: number): Reply => ({ type: 'integer', value });
const OK: Reply = { type: 'status', value: 'OK' };

describe('dirty, as rdb_changes_since_last_save counts it', () => {
	// Setup lines, the measured command, and what 7.0.15 added to dirty for it.
	const cases: [string[][], string[], number][] = [
		[[], ['SET', 'a', '1'], 1],
		[[['SET', 'a', '1']], ['SET', 'a', '2', 'NX'], 0],
		[[], ['MSET', 'a', '1', 'b', '2', 'c', '3'], 3],
		[[['SET', 'a', '1']], ['MSETNX', 'a', '1', 'b', '2'], 0],
		[[['MSET', 'a', '1', 'b', '2']], ['DEL', 'a', 'b', 'c'], 2],
		[[['SET', 'a', '1']], ['RENAME', 'a', 'a'], 0],
		[[['SET', 'a', '1']], ['GETEX', 'a'], 0],
		[[['SET', 'a', '1', 'EX', '10']], ['GETEX', 'a', 'PERSIST'], 1],
		[[], ['SETRANGE', 'a', '0', ''], 0],
		[[['SETBIT', 'a', '3', '1']], ['SETBIT', 'a', '3', '1'], 0],
		[[['SETBIT', 'a', '3', '1']], ['SETBIT', 'a', '3', '0'], 1],
		[[], ['BITFIELD', 'a', 'SET', 'u8', '0', '1', 'INCRBY', 'u8', '0', '1', 'GET', 'u8', '0'], 2],
		[[], ['BITFIELD', 'a', 'OVERFLOW', 'FAIL', 'INCRBY', 'u8', '0', '300'], 0],
		[[['MSET', 'a', '1', 'b', '2', 'c', '3']], ['FLUSHDB'], 3],
		[[['RPUSH', 'l', '3', '1', '2']], ['SORT', 'l', 'STORE', 'd'], 3],
		[[['SET', 'a', '1', 'EX', '10']], ['EXPIRE', 'a', '100', 'NX'], 0],
		[[['HSET', 'h', 'a', '1']], ['HSET', 'h', 'a', '1', 'b', '2'], 2],
		[[['HSET', 'h', 'a', '1', 'b', '2']], ['HDEL', 'h', 'a', 'b', 'c'], 2],
		[[], ['LPUSHX', 'l', 'a', 'b'], 0],
		[[['LPUSH', 'l', 'x']], ['LPUSHX', 'l', 'a', 'b'], 2],
		[[['RPUSH', 'l', 'a', 'b', 'a', 'a']], ['LREM', 'l', '0', 'a'], 3],
		[[['RPUSH', 'l', 'a', 'b', 'c', 'd']], ['LTRIM', 'l', '1', '2'], 2],
		[[['RPUSH', 'l', 'a', 'b', 'c', 'd']], ['LTRIM', 'l', '5', '9'], 4],
		[[['RPUSH', 'l', 'a', 'b', 'c']], ['RPOP', 'l', '5'], 3],
		[[['RPUSH', 'l', 'a', 'b', 'c']], ['LMPOP', '1', 'l', 'LEFT', 'COUNT', '2'], 2],
		[[['ZADD', 'z', '1', 'a']], ['ZADD', 'z', '5', 'a', '2', 'b'], 2],
		[[['ZADD', 'z', '1', 'a']], ['ZADD', 'z', '1', 'a', '2', 'b'], 1],
		[[['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c']], ['ZPOPMIN', 'z', '2'], 2],
		[[['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c']], ['ZUNIONSTORE', 'd', '1', 'z'], 1],
		[[], ['ZUNIONSTORE', 'd', '1', 'z'], 0],
		[[], ['DEBUG', 'POPULATE', '10'], 0],
	];
	it.for(cases)('%j then %j adds %i', ([before, command, expected]) => {
		const t = setup({ save: '' });
		for (const argv of before) t.run(...argv);
		const was = t.dirty();
		t.run(...command);
		expect(t.dirty() - was).toBe(expected);
	});

	it('expiry (lazy or active) and eviction add nothing', () => {
		const t = setup({ save: '' });
		t.run('SET', 'k', 'v', 'PX', '50');
		t.clock.advance(20);
		t.run('SET', 'lazy', 'v', 'PX', '1');
		t.clock.advance(2);
		expect(t.run('EXPIRE', 'lazy', '100')).toEqual(int(0));
		t.clock.advance(1000);
		expect(t.run('DBSIZE')).toEqual(int(0));
		expect(t.dirty()).toBe(2);
	});
});

describe('SAVE, BGSAVE, LASTSAVE', () => {
	it('LASTSAVE is the start until a save; SAVE snapshots at once', () => {
		const t = setup();
		expect(t.run('LASTSAVE')).toEqual(int(START_S));
		t.run('SET', 'a', '1');
		t.clock.advance(5_000);
		expect(t.run('SAVE')).toEqual(OK);
		expect(t.run('LASTSAVE')).toEqual(int(START_S + 5));
		expect(t.info('rdb_saves')).toBe('1');
		expect(t.dirty()).toBe(0);
		expect(t.e.snapshotKeys()).toBe(1);
	});

	it('BGSAVE saves what was there at the fork, once the cron reaps the child', () => {
		const t = setup({ save: '' });
		t.run('SET', 'a', '1');
		t.clock.advance(2_000);
		expect(t.run('BGSAVE')).toEqual({ type: 'status', value: 'Background saving started' });
		t.run('SET', 'b', '2');
		expect(t.info('rdb_bgsave_in_progress')).toBe('1');
		expect(t.run('BGSAVE')).toEqual({
			type: 'error',
			value: 'ERR Background save already in progress',
		});
		expect(t.run('SAVE')).toEqual({
			type: 'error',
			value: 'ERR Background save already in progress',
		});
		expect(t.run('LASTSAVE')).toEqual(int(START_S));
		t.clock.advance(100);
		expect(t.info('rdb_bgsave_in_progress')).toBe('0');
		expect(t.run('LASTSAVE')).toEqual(int(START_S + 2));
		expect(t.info('rdb_last_bgsave_status')).toBe('ok');
		expect(t.info('rdb_last_bgsave_time_sec')).toBe('0');
		// The write after the fork is still unsaved.
		expect(t.dirty()).toBe(1);
		expect(t.e.snapshotKeys()).toBe(1);
		expect(t.run('BGSAVE', 'x')).toEqual({ type: 'error', value: 'ERR syntax error' });
	});

	it('BGSAVE inside EXEC is scheduled, and the cron starts it', () => {
		const t = setup({ save: '' });
		t.run('MULTI');
		expect(t.run('BGSAVE')).toEqual({ type: 'status', value: 'QUEUED' });
		expect(t.run('SAVE')).toEqual({
			type: 'error',
			value: 'ERR Command not allowed inside a transaction',
		});
		t.run('DISCARD');
		t.run('MULTI');
		t.run('BGSAVE', 'SCHEDULE');
		expect(t.run('EXEC')).toEqual({
			type: 'array',
			value: [{ type: 'status', value: 'Background saving scheduled' }],
		});
		expect(t.info('rdb_saves')).toBe('0');
		t.clock.advance(100);
		expect(t.info('rdb_saves')).toBe('1');
	});
});

describe('save points on the virtual clock', () => {
	it('"3600 1": one change saves once more than an hour has passed since the last save', () => {
		const t = setup();
		t.run('SET', 'a', '1');
		t.clock.advance(3_600_000);
		expect(t.run('LASTSAVE')).toEqual(int(START_S));
		t.clock.advance(1_000);
		// The bgsave started at the tick of second 3601; the next tick reaped it.
		t.clock.advance(200);
		expect(t.run('LASTSAVE')).toEqual(int(START_S + 3601));
		expect(t.dirty()).toBe(0);
		expect(t.info('rdb_saves')).toBe('1');
	});

	it('"60 10000": many changes save after a minute', () => {
		const t = setup();
		const args = Array.from({ length: 10_000 }, (_, i) => [`k${i}`, 'v']).flat();
		t.run('MSET', ...args);
		t.clock.advance(61_200);
		expect(t.run('LASTSAVE')).toEqual(int(START_S + 61));
	});

	it('after a failed bgsave, the save point waits CONFIG_BGSAVE_RETRY_DELAY', () => {
		const clock = new VirtualClock(START);
		const config = { ...DEFAULT_CONFIG, stored: { save: '1 1' } };
		const server = new Server(clock, config, new Random(1));
		startCron(server).arm();
		server.persistence.failSaves = true;
		processCommand(server, createClientState(1, START), ['SET', 'a', '1']);
		clock.advance(2_200);
		const p = server.persistence;
		expect(p.lastbgsaveStatus).toBe('err');
		expect(p.saves).toBe(1);
		clock.advance(5_000);
		expect(p.saves).toBe(1);
		server.persistence.failSaves = false;
		clock.advance(1_200);
		expect(p.saves).toBe(2);
		expect(p.lastbgsaveStatus).toBe('ok');
	});

	it('FLUSHALL with save points saves the empty dataset', () => {
		const t = setup();
		t.run('SET', 'a', '1');
		t.clock.advance(3_000);
		t.run('FLUSHALL');
		expect(t.dirty()).toBe(0);
		expect(t.run('LASTSAVE')).toEqual(int(START_S + 3));
		expect(t.info('rdb_saves')).toBe('0');
		expect(t.e.snapshotKeys()).toBe(0);
	});
});

describe('SHUTDOWN', () => {
	it('answers its errors as 7.0.15', () => {
		const t = setup();
		const syntax = { type: 'error', value: 'ERR syntax error' };
		expect(t.run('SHUTDOWN', 'x')).toEqual(syntax);
		expect(t.run('SHUTDOWN', 'SAVE', 'NOSAVE')).toEqual(syntax);
		expect(t.run('SHUTDOWN', 'ABORT', 'NOW')).toEqual(syntax);
		expect(t.run('SHUTDOWN', 'abort')).toEqual({
			type: 'error',
			value: 'ERR No shutdown in progress.',
		});
		t.run('MULTI');
		expect(t.run('SHUTDOWN')).toEqual({
			type: 'error',
			value: 'ERR Command not allowed inside a transaction',
		});
		expect(t.e.isRunning).toBe(true);
	});

	it('saves first under save points, closes the connection, then refuses until start()', () => {
		const t = setup();
		t.run('SET', 'a', '1');
		const other = t.e.connect();
		expect(t.run('SHUTDOWN')).toBe(CONNECTION_CLOSED);
		expect(t.e.isRunning).toBe(false);
		expect(t.run('PING')).toBe(CONNECTION_REFUSED);
		expect(other.exec(['PING'])).toBe(CONNECTION_REFUSED);
		expect(t.clock.nextTimerAt()).toBeNull();
		t.clock.advance(10_000);
		t.e.start();
		expect(t.run('GET', 'a')).toEqual({ type: 'bulk', value: '1' });
		expect(t.run('LASTSAVE')).toEqual(int(START_S + 10));
		expect(other.exec(['PING'])).toEqual({ type: 'status', value: 'PONG' });
	});

	it('NOSAVE loses the writes; SAVE saves even without save points', () => {
		const a = setup();
		a.run('SET', 'a', '1');
		a.run('SHUTDOWN', 'NOSAVE');
		a.e.start();
		expect(a.run('DBSIZE')).toEqual(int(0));
		const b = setup({ save: '' });
		b.run('SET', 'a', '1');
		b.run('SHUTDOWN', 'SAVE', 'NOW');
		b.e.restart();
		expect(b.run('DBSIZE')).toEqual(int(1));
	});
});

describe('restart(): the process dies and starts again', () => {
	it('loads the last snapshot; later writes, CONFIG SET and stats are gone', () => {
		const t = setup();
		t.run('SET', 'saved', '1');
		t.run('SET', 'ttl', '1', 'EX', '5');
		t.run('SAVE');
		t.run('SET', 'unsaved', '1');
		t.run('CONFIG', 'SET', 'maxmemory', '10mb');
		t.run('SELECT', '3');
		t.run('MULTI');
		t.clock.advance(6_000);
		t.e.restart();
		expect(t.e.inspect(0).keys.map((k) => k.name)).toEqual(['saved']);
		expect(t.e.exec(['CONFIG', 'GET', 'maxmemory']).value).toEqual([
			{ type: 'bulk', value: 'maxmemory' },
			{ type: 'bulk', value: '0' },
		]);
		expect(t.run('DBSIZE')).toEqual(int(1));
		expect(t.info('rdb_last_load_keys_loaded')).toBe('1');
		expect(t.info('rdb_last_load_keys_expired')).toBe('1');
		expect(t.dirty()).toBe(0);
		expect(t.run('LASTSAVE')).toEqual(int(START_S + 6));
		const stats = String(t.run('INFO', 'server').value);
		expect(stats).toMatch(/uptime_in_seconds:0\r/);
	});

	it('a save keeps each value and TTL as they were, whatever is edited after it', () => {
		const t = setup({ save: '' });
		t.run('SET', 'ttl', 'old', 'EX', '100');
		t.run('SET', 'plain', 'abc');
		t.run('SET', 'gone', 'x');
		t.run('SAVE');
		t.run('APPEND', 'ttl', '!');
		t.run('SET', 'plain', 'new');
		t.run('SETRANGE', 'plain', '0', 'N');
		t.run('EXPIRE', 'plain', '50');
		t.run('DEL', 'gone');
		t.run('SET', 'later', 'y');
		t.clock.advance(10_000);
		t.e.restart();
		expect(t.run('GET', 'ttl')).toEqual({ type: 'bulk', value: 'old' });
		expect(t.run('TTL', 'ttl')).toEqual(int(90));
		expect(t.run('GET', 'plain')).toEqual({ type: 'bulk', value: 'abc' });
		expect(t.run('TTL', 'plain')).toEqual(int(-1));
		expect(t.run('EXISTS', 'gone', 'later')).toEqual(int(1));
		expect(t.run('GET', 'later')).toEqual({ type: 'bulk', value: null });
	});

	it('with save "" (a cache), nothing survives', () => {
		const t = setup({ save: '' });
		t.run('SET', 'a', '1');
		t.e.restart();
		expect(t.run('DBSIZE')).toEqual(int(0));
		expect(t.e.snapshotKeys()).toBeNull();
	});

	it('CONFIG REWRITE keeps CONFIG SET across a restart when there is a config file', () => {
		const clock = new VirtualClock(START);
		const e = createEngine({ clock, configFile: true });
		e.exec(['CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru']);
		expect(e.exec(['CONFIG', 'REWRITE'])).toEqual(OK);
		e.exec(['CONFIG', 'SET', 'hz', '50']);
		e.restart();
		const get = (name: string) => (e.exec(['CONFIG', 'GET', name]).value as Reply[])[1]!.value;
		expect(get('maxmemory-policy')).toBe('allkeys-lru');
		expect(get('hz')).toBe('10');
	});

	it('keeps listeners and loses a bgsave still running', () => {
		const t = setup({ save: '' });
		const seen: string[] = [];
		t.e.subscribe((ev) => {
			if (ev.type === 'command') seen.push(ev.argv[0]!);
		});
		t.run('SET', 'a', '1');
		t.run('BGSAVE');
		t.e.restart();
		t.run('PING');
		expect(t.run('DBSIZE')).toEqual(int(0));
		expect(seen).toContain('PING');
	});
});

describe('a bgsave child and access times', () => {
	it('reads while the child runs leave the LFU counter; once it is reaped they count', () => {
		const t = setup({ save: '' });
		t.run('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lfu');
		t.run('SET', 'g', 'v');
		t.run('BGSAVE');
		t.run('GET', 'g');
		expect(t.run('OBJECT', 'FREQ', 'g')).toEqual(int(5));
		t.clock.advance(100);
		t.run('GET', 'g');
		expect(t.run('OBJECT', 'FREQ', 'g')).toEqual(int(6));
	});
});
