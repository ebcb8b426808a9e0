import { describe, expect, it } from 'vitest';
import { createClientState, type Connection } from '../client.ts';
import { processCommand } from '../dispatch.ts';
import { OK_REPLY, err, int, serverFixture } from './server.test-util.ts';

/** A second client on the fixture's server, with a fake connection that records kills. */
function withPeer(f: ReturnType<typeof serverFixture>, addr: string) {
	const state = createClientState(2, f.clock.now());
	const killed: string[] = [];
	const conn: Connection = {
		addr,
		laddr: '127.0.0.1:6379',
		fd: 9,
		queryBuffer: () => ({ qbuf: 0, qbufFree: 20474, bytes: 20480 }),
		output: () => ({ rbs: 1024, rbp: 0, obl: 0, oll: 0, omem: 0 }),
		kill: () => killed.push(addr),
		monitor: () => killed.push('monitor'),
		unmonitor: () => killed.push('unmonitor'),
	};
	state.conn = conn;
	f.server.clients.set(state.id, state);
	return { state, killed, run: (...argv: string[]) => processCommand(f.server, state, argv) };
}

const text = (r: ReturnType<ReturnType<typeof serverFixture>['run']>) =>
	r.type === 'bulk' ? (r.value ?? '') : '';

describe('CLIENT KILL', () => {
	it('old form: by address, OK or "No such client"', () => {
		const f = serverFixture();
		const peer = withPeer(f, '10.0.0.1:4000');
		expect(f.run('CLIENT', 'KILL', '10.0.0.1:4000')).toEqual(OK_REPLY);
		expect(peer.killed).toEqual(['10.0.0.1:4000']);
		expect(f.run('CLIENT', 'KILL', '10.0.0.9:1')).toEqual(err('ERR No such client'));
	});

	it('filter form: counts matches; the caller is skipped unless SKIPME no', () => {
		const f = serverFixture();
		const peer = withPeer(f, '10.0.0.1:4000');
		expect(f.run('CLIENT', 'KILL', 'TYPE', 'normal')).toEqual(int(1));
		expect(f.run('CLIENT', 'KILL', 'TYPE', 'replica')).toEqual(int(0));
		expect(f.run('CLIENT', 'KILL', 'ID', '2', 'USER', 'default')).toEqual(int(1));
		expect(f.run('CLIENT', 'KILL', 'LADDR', '127.0.0.1:6379', 'SKIPME', 'no')).toEqual(int(2));
		expect(peer.killed.length).toBe(3);
	});

	it('refuses bad options in order', () => {
		const f = serverFixture();
		const syntax = err('ERR syntax error');
		expect(f.run('CLIENT', 'KILL', 'ID', '0')).toEqual(
			err('ERR client-id should be greater than 0'),
		);
		expect(f.run('CLIENT', 'KILL', 'TYPE', 'x', 'y')).toEqual(err("ERR Unknown client type 'x'"));
		expect(f.run('CLIENT', 'KILL', 'USER', 'bob')).toEqual(err("ERR No such user 'bob'"));
		expect(f.run('CLIENT', 'KILL', 'SKIPME', 'maybe')).toEqual(syntax);
		expect(f.run('CLIENT', 'KILL', 'ID', '1', 'TYPE')).toEqual(syntax);
		expect(f.run('CLIENT', 'KILL', 'foo', 'bar')).toEqual(syntax);
		expect(f.run('CLIENT', 'KILL')).toEqual(
			err("ERR wrong number of arguments for 'client|kill' command"),
		);
	});
});

describe('CLIENT REPLY, HELP, LIST and MONITOR', () => {
	it('REPLY switches the mode the transport reads; SKIP while OFF stays OFF', () => {
		const f = serverFixture();
		const me = f.server.clients.get(1)!;
		f.run('CLIENT', 'REPLY', 'SKIP');
		expect(me.replyMode).toBe('skip');
		f.run('CLIENT', 'REPLY', 'OFF');
		f.run('CLIENT', 'REPLY', 'SKIP');
		expect(me.replyMode).toBe('off');
		expect(f.run('CLIENT', 'REPLY', 'ON')).toEqual(OK_REPLY);
		expect(f.run('CLIENT', 'REPLY', 'x')).toEqual(err('ERR syntax error'));
	});

	it('NO-EVICT sets the e flag; tracking is always off', () => {
		const f = serverFixture();
		expect(f.run('CLIENT', 'NO-EVICT', 'on')).toEqual(OK_REPLY);
		expect(text(f.run('CLIENT', 'INFO'))).toContain(' flags=e ');
		expect(f.run('CLIENT', 'NO-EVICT', 'x')).toEqual(err('ERR syntax error'));
		expect(f.run('CLIENT', 'GETREDIR')).toEqual(int(-1));
	});

	it('HELP lists the 7.0 subcommands', () => {
		const help = serverFixture().run('CLIENT', 'HELP');
		expect(help.type === 'array' && help.value?.length).toBe(48);
	});

	it('LIST shows a connection as the transport reports it, and the monitor flag', () => {
		const f = serverFixture();
		const peer = withPeer(f, '10.0.0.1:4000');
		expect(peer.run('MONITOR')).toEqual(OK_REPLY);
		expect(peer.killed).toEqual(['monitor']);
		const line = text(f.run('CLIENT', 'LIST', 'ID', '2'));
		expect(line).toContain('addr=10.0.0.1:4000 laddr=127.0.0.1:6379 fd=9 ');
		expect(line).toContain(' flags=O ');
		expect(line).toContain('qbuf=0 qbuf-free=20474 argv-mem=0 multi-mem=0 rbs=1024 rbp=0 ');
		expect(line).toContain('tot-mem=22272 events=r cmd=monitor ');
	});

	it('INFO reports the running command: its bytes in the query buffer, argv-mem, tot-mem', () => {
		const line = text(serverFixture().run('CLIENT', 'INFO'));
		expect(line).toContain('qbuf=26 qbuf-free=20448 argv-mem=10 ');
		expect(line).toContain('tot-mem=37658 events=r cmd=client|info ');
	});

	it('an unknown command leaves cmd=NULL, a refused one names itself', () => {
		const f = serverFixture();
		const peer = withPeer(f, '10.0.0.1:4000');
		peer.run('NOSUCH');
		expect(text(f.run('CLIENT', 'LIST', 'ID', '2'))).toContain(' cmd=NULL ');
		peer.run('GET');
		expect(text(f.run('CLIENT', 'LIST', 'ID', '2'))).toContain(' cmd=get ');
	});
});
