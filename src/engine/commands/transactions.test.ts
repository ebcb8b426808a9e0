import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock.ts';
import { createEngine, type Client, type Engine } from '../engine.ts';
import type { Reply } from '../reply.ts';

const OK: Reply = { type: 'status', value: 'OK' };
const QUEUED: Reply = { type: 'status', value: 'QUEUED' };
const NIL_ARRAY: Reply = { type: 'array', value: null };
const bulk = (value: string | null): Reply => ({ type: 'bulk', value });
const err = (value: string): Reply => ({ type: 'error', value });
const arr = (...value: Reply[]): Reply => ({ type: 'array', value });
const OOM = "OOM command not allowed when used memory > 'maxmemory'.";

function cmd(client: Client | Engine, line: string): Reply {
	return client.exec(line.split(' '));
}

/** A watches `key`, `b` runs `write`, then A runs MULTI / GET key / EXEC. */
function watchThen(
	setup: (a: Client, b: Client) => void,
	write: (b: Client) => void,
	key = 'k',
): Reply {
	const e = createEngine();
	const a = e.connect();
	const b = e.connect();
	setup(a, b);
	expect(cmd(a, `WATCH ${key}`)).toEqual(OK);
	write(b);
	cmd(a, 'MULTI');
	expect(cmd(a, `GET ${key}`)).toEqual(QUEUED);
	return cmd(a, 'EXEC');
}

describe('WATCH across clients', () => {
	const seeded = (a: Client) => void cmd(a, 'SET k 1');

	it('a write from another client makes EXEC reply nil', () => {
		expect(watchThen(seeded, (b) => cmd(b, 'SET k 2'))).toEqual(NIL_ARRAY);
		expect(watchThen(seeded, (b) => cmd(b, 'EXPIRE k 100'))).toEqual(NIL_ARRAY);
		expect(watchThen(seeded, (b) => cmd(b, 'DEL k'))).toEqual(NIL_ARRAY);
		expect(
			watchThen(
				() => {},
				(b) => cmd(b, 'SET k 1'),
			),
		).toEqual(NIL_ARRAY);
	});

	it('reads, no-op writes and other databases leave it alone', () => {
		expect(watchThen(seeded, (b) => cmd(b, 'GET k'))).toEqual(arr(bulk('1')));
		expect(watchThen(seeded, (b) => cmd(b, 'PERSIST k'))).toEqual(arr(bulk('1')));
		expect(
			watchThen(
				() => {},
				(b) => cmd(b, 'DEL k'),
			),
		).toEqual(arr(bulk(null)));
		const otherDb = (b: Client) => {
			cmd(b, 'SELECT 1');
			cmd(b, 'SET k 9');
		};
		expect(watchThen(seeded, otherDb)).toEqual(arr(bulk('1')));
	});

	it('FLUSHDB and FLUSHALL touch watched keys that exist, only in their db', () => {
		expect(watchThen(seeded, (b) => cmd(b, 'FLUSHALL'))).toEqual(NIL_ARRAY);
		expect(
			watchThen(
				() => {},
				(b) => cmd(b, 'FLUSHALL'),
			),
		).toEqual(arr(bulk(null)));
		const flushOther = (b: Client) => {
			cmd(b, 'SELECT 3');
			cmd(b, 'FLUSHDB');
		};
		expect(watchThen(seeded, flushOther)).toEqual(arr(bulk('1')));
	});

	it('each connected client has its own transaction and watch list', () => {
		const e = createEngine();
		const a = e.connect();
		const b = e.connect();
		cmd(a, 'WATCH k');
		cmd(b, 'MULTI');
		expect(a.inTransaction).toBe(false);
		expect(b.inTransaction).toBe(true);
		cmd(b, 'SET k from-b');
		cmd(a, 'MULTI');
		cmd(a, 'SET k from-a');
		expect(cmd(b, 'EXEC')).toEqual(arr(OK));
		expect(cmd(a, 'EXEC')).toEqual(NIL_ARRAY);
		expect(cmd(a, 'GET k')).toEqual(bulk('from-b'));
	});

	it('a closed client stops watching', () => {
		const e = createEngine();
		const a = e.connect();
		cmd(a, 'WATCH k');
		a.close();
		expect(cmd(e, 'SET k 1')).toEqual(OK);
	});
});

describe('WATCH and expiry', () => {
	function withClock() {
		const clock = new VirtualClock(0);
		const e = createEngine({ clock });
		cmd(e, 'DEBUG SET-ACTIVE-EXPIRE 0');
		return { clock, e, a: e.connect(), b: e.connect() };
	}

	it('fails EXEC when a watched key expired since WATCH, deleted or not', () => {
		const { clock, a } = withClock();
		cmd(a, 'SET k v PX 100');
		cmd(a, 'WATCH k');
		clock.advance(200);
		cmd(a, 'MULTI');
		expect(cmd(a, 'EXEC')).toEqual(NIL_ARRAY);
	});

	it('ignores a key that was already expired when watched, even once deleted', () => {
		const { clock, a, b } = withClock();
		cmd(a, 'SET k v PX 100');
		clock.advance(200);
		cmd(a, 'WATCH k');
		expect(cmd(b, 'GET k')).toEqual(bulk(null));
		cmd(a, 'MULTI');
		expect(cmd(a, 'EXEC')).toEqual(arr());
	});

	it('but not when that key is written again', () => {
		const { clock, a, b } = withClock();
		cmd(a, 'SET k v PX 100');
		clock.advance(200);
		cmd(a, 'WATCH k');
		cmd(b, 'SET k new');
		cmd(a, 'MULTI');
		expect(cmd(a, 'EXEC')).toEqual(NIL_ARRAY);
	});

	it('the active expire cycle deleting a watched live key counts as a change', () => {
		const clock = new VirtualClock(0);
		const e = createEngine({ clock });
		const a = e.connect();
		cmd(a, 'SET k v PX 100');
		cmd(a, 'WATCH k');
		clock.advance(5000);
		expect(e.inspect().keys).toHaveLength(0);
		cmd(a, 'MULTI');
		expect(cmd(a, 'EXEC')).toEqual(NIL_ARRAY);
	});
});

describe('MULTI / EXEC', () => {
	it('runs the queue through call(): errors are elements, SELECT sticks', () => {
		const e = createEngine();
		cmd(e, 'SET s abc');
		cmd(e, 'MULTI');
		for (const line of ['INCR s', 'SELECT 2', 'SET x 1']) expect(cmd(e, line)).toEqual(QUEUED);
		expect(cmd(e, 'EXEC')).toEqual(arr(err('ERR value is not an integer or out of range'), OK, OK));
		expect(cmd(e, 'GET x')).toEqual(bulk('1'));
		expect(e.inspect(2).stats.total_commands_processed).toBe(7);
	});

	it('a refused command dooms the transaction; later ones are not kept', () => {
		const e = createEngine();
		cmd(e, 'MULTI');
		expect(cmd(e, 'GET').type).toBe('error');
		expect(cmd(e, 'SET k v')).toEqual(QUEUED);
		expect(cmd(e, 'EXEC')).toEqual(
			err('EXECABORT Transaction discarded because of previous errors.'),
		);
		expect(cmd(e, 'GET k')).toEqual(bulk(null));
	});

	it('a refused EXEC aborts the transaction with its reason, even outside MULTI', () => {
		const e = createEngine();
		const abort = err(
			"EXECABORT Transaction discarded because of: wrong number of arguments for 'exec' command",
		);
		cmd(e, 'MULTI');
		cmd(e, 'SET k v');
		expect(cmd(e, 'EXEC x')).toEqual(abort);
		expect(cmd(e, 'EXEC')).toEqual(err('ERR EXEC without MULTI'));
		cmd(e, 'WATCH k');
		expect(cmd(e, 'EXEC x')).toEqual(abort);
		cmd(e, 'SET k 2');
		cmd(e, 'MULTI');
		expect(cmd(e, 'EXEC')).toEqual(arr());
	});

	it('under OOM: queued denyoom commands make EXEC itself abort', () => {
		const e = createEngine();
		const a = e.connect();
		cmd(a, 'MULTI');
		cmd(a, 'SET k v');
		cmd(e, 'CONFIG SET maxmemory 1');
		expect(cmd(a, 'EXEC')).toEqual(err(`EXECABORT Transaction discarded because of: ${OOM}`));
		expect(a.inTransaction).toBe(false);
		cmd(a, 'MULTI');
		expect(cmd(a, 'GET k')).toEqual(err(OOM));
		expect(cmd(a, 'DISCARD')).toEqual(OK);
	});

	it('under OOM: a transaction already doomed by WATCH queued nothing, so EXEC replies nil', () => {
		const e = createEngine();
		const a = e.connect();
		cmd(a, 'WATCH k');
		cmd(a, 'SET k 1');
		cmd(a, 'MULTI');
		expect(cmd(a, 'SET x 1')).toEqual(QUEUED);
		cmd(e, 'CONFIG SET maxmemory 1');
		expect(cmd(a, 'EXEC')).toEqual(NIL_ARRAY);
	});

	it('min-replicas-to-write set after a write was queued makes EXEC abort; reads still run', () => {
		const e = createEngine();
		const a = e.connect();
		cmd(a, 'SET xx 1');
		cmd(a, 'MULTI');
		expect(cmd(a, 'INCR xx')).toEqual(QUEUED);
		cmd(e, 'CONFIG SET min-replicas-to-write 2');
		expect(cmd(a, 'EXEC')).toEqual(
			err(
				'EXECABORT Transaction discarded because of: NOREPLICAS Not enough good replicas to write.',
			),
		);
		expect(a.inTransaction).toBe(false);
		expect(cmd(a, 'GET xx')).toEqual(bulk('1'));
		cmd(a, 'MULTI');
		cmd(a, 'GET xx');
		expect(cmd(a, 'EXEC')).toEqual(arr(bulk('1')));
		cmd(e, 'CONFIG SET min-replicas-to-write 0');
		expect(cmd(a, 'INCR xx')).toEqual({ type: 'integer', value: 2 });
	});

	it('a command not allowed in MULTI is refused as such before an OOM check', () => {
		const e = createEngine();
		const a = e.connect();
		cmd(a, 'MULTI');
		cmd(e, 'CONFIG SET maxmemory 1');
		expect(cmd(a, 'SAVE')).toEqual(err('ERR Command not allowed inside a transaction'));
	});

	it('DISCARD, UNWATCH, EXEC and RESET all forget watched keys', () => {
		const e = createEngine();
		for (const end of ['MULTI|DISCARD', 'UNWATCH', 'MULTI|EXEC', 'RESET']) {
			cmd(e, 'WATCH k');
			for (const line of end.split('|')) cmd(e, line);
			cmd(e, 'SET k x');
			cmd(e, 'MULTI');
			expect(cmd(e, 'EXEC')).toEqual(arr());
		}
	});

	it('MULTI and WATCH inside MULTI are refused without dooming the transaction', () => {
		const e = createEngine();
		cmd(e, 'MULTI');
		expect(cmd(e, 'MULTI')).toEqual(err('ERR MULTI calls can not be nested'));
		expect(cmd(e, 'WATCH k')).toEqual(err('ERR WATCH inside MULTI is not allowed'));
		cmd(e, 'SET k v');
		expect(cmd(e, 'EXEC')).toEqual(arr(OK));
	});
});
