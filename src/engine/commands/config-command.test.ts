import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../events.ts';
import { OK_REPLY, err, serverFixture, str } from './server.test-util.ts';

const map = (...values: string[]) => ({ type: 'array', value: values.map(str), resp3: 'map' });
const failed = (name: string, why: string) =>
	err(`ERR CONFIG SET failed (possibly related to argument '${name}') - ${why}`);
const unknown = (name: string) =>
	err(`ERR Unknown option or number of arguments for CONFIG SET - '${name}'`);

describe('CONFIG GET', () => {
	it('answers name/value pairs, exact names echoed as typed', () => {
		const f = serverFixture();
		expect(f.run('CONFIG', 'GET', 'maxmemory')).toEqual(map('maxmemory', '0'));
		expect(f.run('CONFIG', 'GET', 'MAXMEMORY')).toEqual(map('MAXMEMORY', '0'));
		expect(f.run('CONFIG', 'GET', 'nosuch')).toEqual(map());
		expect(f.run('config', 'get', 'maxmemory', 'MAXMEMORY')).toEqual(map('maxmemory', '0'));
	});

	it('matches globs case-insensitively, each parameter once, in table order', () => {
		const f = serverFixture();
		expect(f.run('CONFIG', 'GET', 'MaxMem*y')).toEqual(
			map('maxmemory', '0', 'maxmemory-eviction-tenacity', '10', 'maxmemory-policy', 'noeviction'),
		);
		expect(f.run('CONFIG', 'GET', 'lfu*', 'lfu-log-factor')).toEqual(
			map('lfu-decay-time', '1', 'lfu-log-factor', '10'),
		);
		expect(f.run('CONFIG', 'GET', 'maxmemory', 'hz')).toEqual(map('hz', '10', 'maxmemory', '0'));
		expect(f.run('CONFIG', 'GET', 'databases')).toEqual(map('databases', '16'));
	});

	it('arity', () => {
		expect(serverFixture().run('CONFIG', 'GET')).toEqual(
			err("ERR wrong number of arguments for 'config|get' command"),
		);
	});
});

describe('CONFIG SET and the host apply step', () => {
	it('asks the host only for values that change; a refusal sets nothing and undoes the rest', () => {
		const f = serverFixture();
		const asked: string[] = [];
		f.server.applyHostConfig = (name, value) => {
			asked.push(`${name}=${value}`);
			return name === 'port' && value === '7000' ? 'Unable to listen on this port.' : null;
		};
		f.run('CONFIG', 'SET', 'port', '6379');
		expect(asked).toEqual([]);
		expect(f.run('CONFIG', 'SET', 'maxmemory', '5mb', 'PORT', '7000')).toEqual(
			failed('PORT', 'Unable to listen on this port.'),
		);
		expect(asked).toEqual(['maxmemory=5242880', 'port=7000', 'maxmemory=0']);
		expect(f.run('CONFIG', 'GET', 'maxmemory')).toEqual(map('maxmemory', '0'));
		expect(f.run('CONFIG', 'GET', 'port')).toEqual(map('port', '6379'));
		expect(f.run('CONFIG', 'SET', 'port', '7001')).toEqual(OK_REPLY);
		expect(f.run('CONFIG', 'GET', 'port')).toEqual(map('port', '7001'));
	});
});

describe('CONFIG SET', () => {
	it('sets several parameters, normalised', () => {
		const f = serverFixture();
		expect(f.run('CONFIG', 'SET', 'maxmemory', '100MB', 'maxmemory-policy', 'ALLKEYS-LFU')).toEqual(
			OK_REPLY,
		);
		expect(f.server.config.maxmemory).toBe(104857600);
		expect(f.server.config['maxmemory-policy']).toBe('allkeys-lfu');
		f.run('CONFIG', 'SET', 'maxmemory', '1m');
		expect(f.server.config.maxmemory).toBe(1000000);
		f.run('CONFIG', 'SET', 'maxmemory', '');
		expect(f.server.config.maxmemory).toBe(0);
	});

	it('checks every name before any value, and applies nothing on error', () => {
		const f = serverFixture();
		expect(f.run('CONFIG', 'SET', 'foo', '1')).toEqual(unknown('foo'));
		expect(f.run('CONFIG', 'SET', 'maxmemory', '1', 'FOO', '2')).toEqual(unknown('FOO'));
		expect(f.run('CONFIG', 'SET', 'DATABASES', '4')).toEqual(
			failed('DATABASES', "can't set immutable config"),
		);
		expect(
			f.run('CONFIG', 'SET', 'maxmemory-samples', '0', 'maxmemory', '1', 'MAXMEMORY', '2'),
		).toEqual(failed('MAXMEMORY', 'duplicate parameter'));
		expect(f.run('CONFIG', 'SET', 'maxmemory-samples', '7', 'maxmemory-policy', 'nope')).toEqual(
			failed(
				'maxmemory-policy',
				'argument(s) must be one of the following: volatile-lru, volatile-lfu, volatile-random, volatile-ttl, allkeys-lru, allkeys-lfu, allkeys-random, noeviction',
			),
		);
		expect(f.server.config['maxmemory-samples']).toBe(5);
		expect(f.run('CONFIG', 'SET', 'maxmemory', '1', 'hz')).toEqual(err('ERR syntax error'));
		expect(f.run('CONFIG', 'SET', 'a\nb', '1')).toEqual(unknown('a b'));
	});

	it('value errors name the canonical parameter', () => {
		const f = serverFixture();
		expect(f.run('CONFIG', 'SET', 'MAXMEMORY', '1.5mb')).toEqual(
			failed('maxmemory', 'argument must be a memory value'),
		);
		for (const v of ['-1', '+5', ' 5', '10tb', '5%'])
			expect(f.run('CONFIG', 'SET', 'maxmemory', v)).toEqual(
				failed('maxmemory', 'argument must be a memory value'),
			);
		for (const v of ['abc', '05', '-0', '+5', '1.5'])
			expect(f.run('CONFIG', 'SET', 'maxmemory-samples', v)).toEqual(
				failed('maxmemory-samples', "argument couldn't be parsed into an integer"),
			);
		expect(f.run('CONFIG', 'SET', 'maxmemory-samples', '0')).toEqual(
			failed('maxmemory-samples', 'argument must be between 1 and 2147483647 inclusive'),
		);
		expect(f.run('CONFIG', 'SET', 'hz', '-5')).toEqual(
			failed('hz', 'argument must be between 0 and 2147483647 inclusive'),
		);
	});

	it('clamps hz into 1..500', () => {
		const f = serverFixture();
		f.run('CONFIG', 'SET', 'hz', '0');
		expect(f.server.config.hz).toBe(1);
		f.run('CONFIG', 'SET', 'hz', '501');
		expect(f.server.config.hz).toBe(500);
	});

	it('emits one config event per parameter', () => {
		const f = serverFixture();
		const events: EngineEvent[] = [];
		f.server.events.subscribe((e) => events.push(e));
		f.run('CONFIG', 'SET', 'maxmemory', '2mb', 'hz', '20');
		const configs = events.filter((e) => e.type === 'config');
		expect(configs.map((e) => [e.name, e.value])).toEqual([
			['maxmemory', '2097152'],
			['hz', '20'],
		]);
	});

	it('runs eviction at once when maxmemory is set', () => {
		const f = serverFixture();
		f.set('a', 'x'.repeat(1000));
		f.set('b', 'y'.repeat(1000));
		f.run('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-random');
		f.run('CONFIG', 'SET', 'maxmemory', '1');
		expect(f.db.size).toBe(0);
		expect(f.server.stats.evicted_keys).toBe(2);
	});
});

describe('the whole 7.0 table', () => {
	it('answers aliases under their own name, and a pattern lists both names', () => {
		const f = serverFixture();
		expect(f.run('CONFIG', 'GET', 'hash-max-ziplist-entries')).toEqual(
			map('hash-max-ziplist-entries', '512'),
		);
		expect(f.run('CONFIG', 'GET', 'hash-max-*-entries')).toEqual(
			map('hash-max-listpack-entries', '512', 'hash-max-ziplist-entries', '512'),
		);
		expect(f.run('CONFIG', 'GET', 'maxmemory*')).toEqual(
			map(
				'maxmemory',
				'0',
				'maxmemory-clients',
				'0',
				'maxmemory-eviction-tenacity',
				'10',
				'maxmemory-policy',
				'noeviction',
				'maxmemory-samples',
				'5',
			),
		);
		// Hidden parameters need their exact name.
		expect(f.run('CONFIG', 'GET', 'watchdog*')).toEqual(map());
		expect(f.run('CONFIG', 'GET', 'watchdog-period')).toEqual(map('watchdog-period', '0'));
		// Raised to two cron ticks at the current hz, as applyWatchdogPeriod does.
		f.run('CONFIG', 'SET', 'watchdog-period', '1');
		expect(f.run('CONFIG', 'GET', 'watchdog-period')).toEqual(map('watchdog-period', '200'));
		f.run('CONFIG', 'SET', 'hz', '100');
		f.run('CONFIG', 'SET', 'watchdog-period', '1');
		expect(f.run('CONFIG', 'GET', 'watchdog-period')).toEqual(map('watchdog-period', '20'));
		f.run('CONFIG', 'SET', 'watchdog-period', '0');
		expect(f.run('CONFIG', 'GET', 'watchdog-period')).toEqual(map('watchdog-period', '0'));
	});

	it('sets a modelled parameter through its alias, typed for the engine', () => {
		const f = serverFixture();
		expect(f.run('CONFIG', 'SET', 'zset-max-ziplist-entries', '7')).toEqual(OK_REPLY);
		expect(f.server.config['zset-max-listpack-entries']).toBe(7);
		expect(
			f.run('CONFIG', 'SET', 'list-max-ziplist-size', '-3', 'set-max-intset-entries', '1k'),
		).toEqual(failed('set-max-intset-entries', "argument couldn't be parsed into an integer"));
		expect(f.server.config['list-max-listpack-size']).toBe(-2);
		f.run('CONFIG', 'SET', 'list-max-ziplist-size', '-3', 'set-max-intset-entries', '64');
		expect(f.server.config['list-max-listpack-size']).toBe(-3);
		expect(f.server.config['set-max-intset-entries']).toBe(64);
	});

	it('stores and echoes parameters the engine does not model', () => {
		const f = serverFixture();
		expect(f.run('CONFIG', 'GET', 'save')).toEqual(map('save', '3600 1 300 100 60 10000'));
		expect(f.run('CONFIG', 'SET', 'save', '')).toEqual(OK_REPLY);
		expect(f.run('CONFIG', 'GET', 'save')).toEqual(map('save', ''));
		f.run('CONFIG', 'SET', 'slowlog-max-len', '1000', 'loglevel', 'WARNING');
		expect(f.run('CONFIG', 'GET', 'slowlog-max-len')).toEqual(map('slowlog-max-len', '1000'));
		expect(f.run('CONFIG', 'GET', 'loglevel')).toEqual(map('loglevel', 'warning'));
		expect(f.run('CONFIG', 'SET', 'port', '70000')).toEqual(
			failed('port', 'argument must be between 0 and 65535 inclusive'),
		);
	});

	it('leaves everything as it was when a later value fails', () => {
		const f = serverFixture();
		expect(
			f.run('CONFIG', 'SET', 'maxmemory', '1mb', 'slowlog-max-len', '9', 'appendonly', 'maybe'),
		).toEqual(failed('appendonly', "argument must be 'yes' or 'no'"));
		expect(f.server.config.maxmemory).toBe(0);
		expect(f.run('CONFIG', 'GET', 'slowlog-max-len')).toEqual(map('slowlog-max-len', '128'));
		// An alias and its parameter are two names: both are set, the last one wins.
		f.run('CONFIG', 'SET', 'hash-max-ziplist-value', '1', 'hash-max-listpack-value', '2');
		expect(f.server.config['hash-max-listpack-value']).toBe(2);
	});

	it('refuses immutable and protected parameters before reading any value', () => {
		const f = serverFixture();
		expect(f.run('CONFIG', 'SET', 'maxmemory', 'x', 'daemonize', 'no')).toEqual(
			failed('daemonize', "can't set immutable config"),
		);
		expect(f.run('CONFIG', 'SET', 'dir', '/tmp')).toEqual(
			failed('dir', "can't set protected config"),
		);
	});

	it('keeps an exact 64-bit value a number cannot hold', () => {
		const f = serverFixture();
		f.run('CONFIG', 'SET', 'set-max-intset-entries', '9223372036854775807');
		expect(f.run('CONFIG', 'GET', 'set-max-intset-entries')).toEqual(
			map('set-max-intset-entries', '9223372036854775807'),
		);
	});
});

describe('CONFIG RESETSTAT and HELP', () => {
	it('zeroes the stats and error table, keeps keys and peak memory', () => {
		const f = serverFixture();
		f.run('SET', 'a', '1');
		f.run('OBJECT', 'ENCODING', 'a');
		f.run('NOSUCH');
		const peak = f.server.peakMemory;
		expect(f.run('CONFIG', 'RESETSTAT')).toEqual(OK_REPLY);
		expect(f.server.stats.keyspace_hits).toBe(0);
		expect(f.server.stats.total_error_replies).toBe(0);
		// RESETSTAT counts itself once it has run, as call() does in Redis.
		expect(f.server.stats.total_commands_processed).toBe(1);
		expect(f.server.errorStats).toEqual({});
		expect(f.server.peakMemory).toBe(peak);
		expect(f.db.size).toBe(1);
		expect(f.run('CONFIG', 'RESETSTAT', 'x')).toEqual(
			err("ERR wrong number of arguments for 'config|resetstat' command"),
		);
	});

	it('HELP, REWRITE, unknown subcommands, bare CONFIG', () => {
		const f = serverFixture();
		const help = f.run('CONFIG', 'HELP');
		expect(help.type === 'array' && help.value?.length).toBe(11);
		expect(f.run('CONFIG', 'REWRITE')).toEqual(
			err('ERR The server is running without a config file'),
		);
		expect(f.run('CONFIG', 'FOO')).toEqual(err("ERR unknown subcommand 'FOO'. Try CONFIG HELP."));
		expect(f.run('CONFIG')).toEqual(err("ERR wrong number of arguments for 'config' command"));
	});
});
