import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock.ts';
import { createEngine, type Client, type Engine } from '../engine.ts';
import type { Reply } from '../reply.ts';

const OK: Reply = { type: 'status', value: 'OK' };
const bulk = (value: string | null): Reply => ({ type: 'bulk', value });
const int = (value: number): Reply => ({ type: 'integer', value });
const err = (value: string): Reply => ({ type: 'error', value });

const run = (c: Client | Engine, ...argv: string[]) => c.exec(argv);

function text(reply: Reply): string {
	if (reply.type !== 'bulk' || reply.value === null) throw new Error(`not a bulk: ${reply.type}`);
	return reply.value;
}

/** A CLIENT LIST line as field → value. */
function fields(line: string): Map<string, string> {
	return new Map(
		line
			.trimEnd()
			.split(' ')
			.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.split('=')[1]!]),
	);
}

const FIELD_ORDER =
	'id addr laddr fd name age idle flags db sub psub ssub multi qbuf qbuf-free argv-mem ' +
	'multi-mem rbs rbp obl oll omem tot-mem events cmd user redir resp';

describe('PING, ECHO, AUTH', () => {
	it('answer as a password-less 7.0 server', () => {
		const e = createEngine();
		expect(run(e, 'PING')).toEqual({ type: 'status', value: 'PONG' });
		expect(run(e, 'PING', 'hi')).toEqual(bulk('hi'));
		expect(run(e, 'PING', 'a', 'b')).toEqual(
			err("ERR wrong number of arguments for 'ping' command"),
		);
		expect(run(e, 'ECHO', 'caf\xc3\xa9')).toEqual(bulk('caf\xc3\xa9'));
		expect(run(e, 'AUTH', 'pw')).toEqual(
			err(
				'ERR AUTH <password> called without any password configured for the default user. ' +
					'Are you sure your configuration is correct?',
			),
		);
		expect(run(e, 'AUTH', 'default', 'anything')).toEqual(OK);
		expect(run(e, 'AUTH', 'bob', 'pw')).toEqual(
			err('WRONGPASS invalid username-password pair or user is disabled.'),
		);
		expect(run(e, 'AUTH', 'a', 'b', 'c')).toEqual(err('ERR syntax error'));
	});
});

describe('HELLO', () => {
	it('replies the server map and switches the protocol', () => {
		const e = createEngine();
		const c = e.connect();
		const reply = run(c, 'HELLO', '3', 'SETNAME', 'app');
		expect(reply).toMatchObject({ type: 'array', resp3: 'map' });
		const items = reply.type === 'array' ? (reply.value ?? []) : [];
		expect(items.slice(0, 8)).toEqual([
			bulk('server'),
			bulk('redis'),
			bulk('version'),
			bulk('7.0.15'),
			bulk('proto'),
			int(3),
			bulk('id'),
			int(c.id),
		]);
		expect(run(c, 'CLIENT', 'GETNAME')).toEqual(bulk('app'));
		expect(fields(text(run(c, 'CLIENT', 'INFO'))).get('resp')).toBe('3');
	});

	it('checks the version, then each option, before changing anything', () => {
		const e = createEngine();
		expect(run(e, 'HELLO', '4')).toEqual(err('NOPROTO unsupported protocol version'));
		expect(run(e, 'HELLO', 'x')).toEqual(
			err('ERR Protocol version is not an integer or out of range'),
		);
		expect(run(e, 'HELLO', '3', 'SETNAME', 'a b')).toEqual(
			err('ERR Client names cannot contain spaces, newlines or special characters.'),
		);
		expect(run(e, 'HELLO', '3', 'SETNAME', 'ok', 'AUTH', 'bob', 'pw').type).toBe('error');
		expect(run(e, 'CLIENT', 'GETNAME')).toEqual(bulk(null));
		expect(run(e, 'HELLO', '2', 'AUTH', 'default')).toEqual(
			err("ERR Syntax error in HELLO option 'AUTH'"),
		);
	});
});

describe('CLIENT', () => {
	it('names connections and lists them in the 7.0.15 field order', () => {
		const clock = new VirtualClock(0);
		const e = createEngine({ clock });
		const a = e.connect();
		clock.advance(3000);
		const b = e.connect();
		expect(run(a, 'CLIENT', 'SETNAME', 'worker-1')).toEqual(OK);
		expect(run(a, 'CLIENT', 'ID')).toEqual(int(a.id));
		run(b, 'SELECT', '4');
		run(b, 'MULTI');
		run(b, 'SET', 'k', 'v');
		const list = text(run(a, 'CLIENT', 'LIST'));
		expect(list.endsWith('\n')).toBe(true);
		const lines = list.trimEnd().split('\n').map(fields);
		// The default client connects on first engine.exec, so only a and b are listed.
		expect(lines.map((l) => l.get('id'))).toEqual([a.id, b.id].map(String));
		const [mine, theirs] = [lines[0]!, lines[1]!];
		expect([...mine.keys()].join(' ')).toBe(FIELD_ORDER);
		expect(mine.get('name')).toBe('worker-1');
		expect(mine.get('age')).toBe('3');
		expect(mine.get('cmd')).toBe('client|list');
		expect(mine.get('argv-mem')).toBe('10');
		expect(mine.get('qbuf')).toBe('26');
		expect([theirs.get('flags'), theirs.get('db'), theirs.get('multi')]).toEqual(['x', '4', '1']);
		expect(theirs.get('cmd')).toBe('set');
	});

	it('filters CLIENT LIST by TYPE and ID, with Redis errors', () => {
		const e = createEngine();
		const a = e.connect();
		expect(text(run(e, 'CLIENT', 'LIST', 'TYPE', 'pubsub'))).toBe('');
		expect(text(run(e, 'CLIENT', 'LIST', 'ID', String(a.id), '-5')).split('\n')).toHaveLength(2);
		expect(run(e, 'CLIENT', 'LIST', 'TYPE', 'bogus')).toEqual(
			err("ERR Unknown client type 'bogus'"),
		);
		expect(run(e, 'CLIENT', 'LIST', 'ID', 'x')).toEqual(err('ERR Invalid client ID'));
		expect(run(e, 'CLIENT', 'LIST', 'foo')).toEqual(err('ERR syntax error'));
		expect(run(e, 'CLIENT', 'INFO', 'x')).toEqual(
			err("ERR wrong number of arguments for 'client|info' command"),
		);
	});

	it('marks a client whose watched key was touched with d', () => {
		const e = createEngine();
		const a = e.connect();
		run(a, 'WATCH', 'k');
		run(e, 'SET', 'k', '1');
		expect(fields(text(run(a, 'CLIENT', 'INFO'))).get('flags')).toBe('d');
	});
});

describe('RESET and QUIT', () => {
	it('RESET leaves MULTI, unwatches and restores db 0, no name, RESP2', () => {
		const e = createEngine();
		const c = e.connect();
		run(c, 'HELLO', '3', 'SETNAME', 'x');
		run(c, 'SELECT', '5');
		run(c, 'WATCH', 'k');
		run(c, 'MULTI');
		expect(run(c, 'RESET')).toEqual({ type: 'status', value: 'RESET' });
		expect(c.inTransaction).toBe(false);
		expect(c.db).toBe(0);
		const info = fields(text(run(c, 'CLIENT', 'INFO')));
		expect([info.get('name'), info.get('resp'), info.get('db')]).toEqual(['', '2', '0']);
		run(e, 'SET', 'k', 'changed');
		run(c, 'MULTI');
		expect(run(c, 'EXEC')).toEqual({ type: 'array', value: [] });
	});

	it('QUIT replies OK, even inside MULTI', () => {
		const e = createEngine();
		run(e, 'MULTI');
		expect(run(e, 'QUIT')).toEqual(OK);
	});

	it('RESET lifts CLIENT REPLY OFF but keeps NO-EVICT, as 7.0.15 does', () => {
		const c = createEngine().connect();
		run(c, 'CLIENT', 'NO-EVICT', 'on');
		run(c, 'CLIENT', 'REPLY', 'OFF');
		expect(c.replyMode).toBe('off');
		run(c, 'RESET');
		expect(c.replyMode).toBe('on');
		expect(fields(text(run(c, 'CLIENT', 'INFO'))).get('flags')).toBe('e');
	});
});

describe('MONITOR', () => {
	const REPLICA = err("ERR Replica can't interact with the keyspace");

	it('leaves a monitor only the commands that do not touch keys, until RESET', () => {
		const e = createEngine();
		const c = e.connect();
		run(e, 'SET', 'k', 'v');
		expect(run(c, 'MONITOR')).toEqual(OK);
		expect(run(c, 'GET', 'k')).toEqual(REPLICA);
		expect(run(c, 'SET', 'k', 'w')).toEqual(REPLICA);
		expect(run(c, 'PING')).toEqual({ type: 'status', value: 'PONG' });
		// Refused like any rejected command: counted as rejected, not as a call.
		expect(text(run(e, 'INFO', 'commandstats'))).toMatch(
			/cmdstat_set:calls=1,.*rejected_calls=1,failed_calls=0/,
		);
		run(c, 'RESET');
		expect(run(c, 'GET', 'k')).toEqual(bulk('v'));
	});

	it('is refused inside EXEC, which expects one reply per command', () => {
		const c = createEngine().connect();
		run(c, 'MULTI');
		expect(run(c, 'MONITOR')).toEqual({ type: 'status', value: 'QUEUED' });
		expect(run(c, 'EXEC')).toEqual({
			type: 'array',
			value: [err("ERR MONITOR isn't allowed for DENY BLOCKING client")],
		});
		expect(run(c, 'GET', 'k')).toEqual(bulk(null));
	});
});
