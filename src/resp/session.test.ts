import { afterEach, describe, expect, it } from 'vitest';
import { Hub } from './hub.ts';
import { RespSession } from './session.ts';

let hub: Hub;
afterEach(() => hub.close());

function session(addr = '127.0.0.1:40000') {
	const s = new RespSession(hub, { addr, laddr: '127.0.0.1:6379', fd: 8 });
	const written: string[] = [];
	let closed = 0;
	s.transport = {
		pendingOutput: () => 0,
		close: () => closed++,
		write: (bytes) => written.push(bytes),
	};
	return { s, written, closed: () => closed };
}

describe('RespSession', () => {
	it('CLIENT REPLY: OFF and SKIP send nothing, SKIP drops the next reply, ON answers OK', () => {
		hub = new Hub({ time: 'script' });
		const { s } = session();
		const sent = [
			['CLIENT', 'REPLY', 'OFF'],
			['PING'],
			['CLIENT', 'REPLY', 'ON'],
			['CLIENT', 'REPLY', 'SKIP'],
			['PING', 'dropped'],
			['PING', 'sent'],
			['MULTI'],
			['CLIENT', 'REPLY', 'OFF'],
			['DISCARD'],
		].map((argv) => s.reply(argv));
		expect(sent).toEqual([
			'',
			'',
			'+OK\r\n',
			'',
			'',
			'$4\r\nsent\r\n',
			'+OK\r\n',
			'+QUEUED\r\n',
			'+OK\r\n',
		]);
	});

	it('CLIENT KILL closes another connection now and its own after the reply', () => {
		hub = new Hub({ time: 'script' });
		const me = session('127.0.0.1:40001');
		const other = session('127.0.0.1:40002');
		expect(me.s.reply(['CLIENT', 'KILL', '127.0.0.1:40002'])).toBe('+OK\r\n');
		expect(other.closed()).toBe(1);
		expect(me.s.reply(['CLIENT', 'KILL', '127.0.0.1:40001'])).toBe('+OK\r\n');
		expect(me.closed()).toBe(0);
		expect(me.s.closeAfterReply).toBe(true);
	});

	it('MONITOR feeds every monitor what the others run, after their own reply', () => {
		hub = new Hub({ time: 'script' });
		const mon = session('127.0.0.1:40003');
		const c = session('127.0.0.1:40004');
		expect(mon.s.reply(['MONITOR'])).toBe('+OK\r\n');
		c.s.reply(['SET', 'k', 'v']);
		c.s.reply(['CONFIG', 'GET', 'hz']);
		c.s.reply(['GET']);
		expect(mon.written).toHaveLength(1);
		expect(mon.written[0]).toMatch(/^\+\d+\.\d{6} \[0 127\.0\.0\.1:40004\] "SET" "k" "v"\r\n$/);
		mon.s.close();
		c.s.reply(['PING']);
		expect(mon.written).toHaveLength(1);
	});

	it('a socketless connection (the REPL) shows the read redis-cli would have made', () => {
		hub = new Hub({ time: 'script' });
		const { s } = session();
		s.readWhole(['CLIENT', 'INFO']);
		expect(s.reply(['CLIENT', 'INFO'])).toContain(' qbuf=26 qbuf-free=20448 argv-mem=10 ');
	});

	it('reports the bytes of the read being processed as qbuf', () => {
		hub = new Hub({ time: 'script' });
		const { s } = session();
		// The read that brought the command in: a first read makes room for 16 KB.
		s.queryAlloc.beforeRead(0, false);
		s.queryAlloc.afterRead(52, Date.now());
		s.queryBytes = 52;
		const info = s.reply(['CLIENT', 'INFO']);
		expect(info).toContain(' qbuf=52 qbuf-free=20422 argv-mem=10 ');
	});
});
