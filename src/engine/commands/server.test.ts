import { describe, expect, it } from 'vitest';
import { OK_REPLY, err, int, serverFixture, str } from './server.test-util.ts';

/** The socket half of a fake RESP connection: nothing queued, nothing to kill. */
const NO_SOCKET = {
	queryBuffer: () => ({ qbuf: 0, qbufFree: 0, bytes: 8 }),
	output: () => ({ rbs: 0, rbp: 0, obl: 0, oll: 0, omem: 0 }),
	kill: () => {},
	monitor: () => {},
	unmonitor: () => {},
};

describe('TIME, DBSIZE, LASTSAVE', () => {
	it('TIME reads the virtual clock as seconds and microseconds', () => {
		const f = serverFixture();
		const start = f.clock.now();
		f.clock.advance(1234);
		const sec = Math.floor(start / 1000) + 1;
		expect(f.run('TIME')).toEqual({ type: 'array', value: [str(String(sec)), str('234000')] });
		expect(f.run('TIME', 'x')).toEqual(err("ERR wrong number of arguments for 'time' command"));
	});

	it('DBSIZE counts keys past their TTL that are not deleted yet', () => {
		const f = serverFixture();
		f.set('a', '1');
		f.set('ghost', 'v', -10);
		expect(f.run('DBSIZE')).toEqual(int(2));
		expect(f.server.stats.expired_keys).toBe(0);
		expect(f.run('DBSIZE', 'x')).toEqual(err("ERR wrong number of arguments for 'dbsize' command"));
	});

	it('LASTSAVE is the start time in seconds', () => {
		const f = serverFixture();
		f.clock.advance(5000);
		expect(f.run('LASTSAVE')).toEqual(int(Math.floor(f.server.startedAt / 1000)));
	});
});

describe('DEBUG', () => {
	const NOT_ALLOWED = err(
		'ERR DEBUG command not allowed. If the enable-debug-command option is set to "local", you ' +
			'can run it from a local connection, otherwise you need to set this option in the ' +
			'configuration file, and then restart the server.',
	);
	const withDebug = (mode: string) =>
		serverFixture({ stored: { 'enable-debug-command': mode } } as never);

	it('is allowed to local clients only, as enable-debug-command local says', () => {
		const f = serverFixture();
		expect(f.run('CONFIG', 'GET', 'enable-debug-command')).toMatchObject({
			type: 'array',
			value: [str('enable-debug-command'), str('local')],
		});
		expect(f.run('DEBUG', 'SLEEP', '0')).toEqual(OK_REPLY);
		const remote = { addr: '10.0.0.7:5000', laddr: '10.0.0.1:6379', fd: 9 };
		f.client.conn = { ...remote, ...NO_SOCKET };
		expect(f.run('DEBUG', 'SLEEP', '0')).toEqual(NOT_ALLOWED);
		f.client.conn = { ...remote, addr: '127.0.0.1:5000', ...NO_SOCKET };
		expect(f.run('DEBUG', 'SLEEP', '0')).toEqual(OK_REPLY);
		f.client.conn = { ...remote, addr: '[::1]:5000', ...NO_SOCKET };
		expect(f.run('DEBUG', 'SLEEP', '0')).toEqual(OK_REPLY);
	});

	it('is refused under no, even inside MULTI (the transaction is doomed), allowed under yes', () => {
		const no = withDebug('no');
		expect(no.run('DEBUG', 'SLEEP', '0')).toEqual(NOT_ALLOWED);
		no.run('MULTI');
		expect(no.run('DEBUG', 'SLEEP', '0')).toEqual(NOT_ALLOWED);
		expect(no.run('EXEC')).toEqual(
			err('EXECABORT Transaction discarded because of previous errors.'),
		);
		expect(no.run('INFO', 'commandstats')).toMatchObject({
			value: expect.stringMatching(/cmdstat_debug:calls=0,.*rejected_calls=2,/),
		});
		const yes = withDebug('yes');
		yes.client.conn = { addr: '10.0.0.7:5000', laddr: '10.0.0.1:6379', fd: 9, ...NO_SOCKET };
		expect(yes.run('DEBUG', 'SLEEP', '0')).toEqual(OK_REPLY);
	});

	it('SLEEP advances the clock with the cron held off', () => {
		const f = serverFixture();
		const seen: boolean[] = [];
		f.clock.setTimeout(() => seen.push(f.server.sleeping), 100);
		const t0 = f.clock.now();
		expect(f.run('DEBUG', 'SLEEP', '1.5')).toEqual(OK_REPLY);
		expect(f.clock.now() - t0).toBe(1500);
		expect(seen).toEqual([true]);
		expect(f.server.sleeping).toBe(false);
	});

	it('SLEEP reads its argument as strtod does', () => {
		const f = serverFixture();
		const t0 = f.clock.now();
		for (const arg of ['abc', '-1', '0']) expect(f.run('DEBUG', 'sleep', arg)).toEqual(OK_REPLY);
		expect(f.clock.now()).toBe(t0);
		f.run('DEBUG', 'SLEEP', '0.25xyz');
		f.run('DEBUG', 'SLEEP', '1e-1');
		expect(f.clock.now() - t0).toBe(350);
	});

	it('SET-ACTIVE-EXPIRE takes atoi of its argument', () => {
		const f = serverFixture();
		expect(f.run('DEBUG', 'SET-ACTIVE-EXPIRE', '0')).toEqual(OK_REPLY);
		expect(f.server.activeExpireEnabled).toBe(false);
		f.run('DEBUG', 'set-active-expire', '2');
		expect(f.server.activeExpireEnabled).toBe(true);
		f.run('DEBUG', 'set-active-expire', 'abc');
		expect(f.server.activeExpireEnabled).toBe(false);
	});

	it('answers unknown subcommands and wrong counts with one error', () => {
		const f = serverFixture();
		const bad = (sub: string) =>
			err(`ERR unknown subcommand or wrong number of arguments for '${sub}'. Try DEBUG HELP.`);
		expect(f.run('DEBUG', 'FOO')).toEqual(bad('FOO'));
		expect(f.run('debug', 'foo', 'bar')).toEqual(bad('foo'));
		expect(f.run('DEBUG', 'SLEEP')).toEqual(bad('SLEEP'));
		expect(f.run('DEBUG', 'LOG')).toEqual(bad('LOG'));
		expect(f.run('DEBUG', 'HELP', 'x')).toEqual(bad('HELP'));
		expect(f.run('DEBUG', 'a\r\nb')).toEqual(bad('a  b'));
		expect(f.run('DEBUG')).toEqual(err("ERR wrong number of arguments for 'debug' command"));
		expect(f.run('DEBUG', 'LOG', 'hello')).toEqual(OK_REPLY);
	});

	it('OBJECT describes a key without touching it', () => {
		const f = serverFixture();
		f.set('s', 'hello');
		f.clock.advance(3000);
		const r = f.run('DEBUG', 'OBJECT', 's');
		expect(r.type).toBe('status');
		expect(r.value).toMatch(
			/^Value at:0x[0-9a-f]+ refcount:1 encoding:embstr serializedlength:6 lru:\d+ lru_seconds_idle:3$/,
		);
		expect(f.run('DEBUG', 'OBJECT', 'nokey')).toEqual(err('ERR no such key'));
		expect(f.server.stats.keyspace_hits + f.server.stats.keyspace_misses).toBe(0);
	});

	it('HELP lists 103 lines between the header and HELP', () => {
		const r = serverFixture().run('DEBUG', 'HELP');
		expect(r.type === 'array' && r.value?.length).toBe(106);
	});
});
