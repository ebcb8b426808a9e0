// A tiny stand-in for the engine, for console tests only: PING, SET, GET, INCR, SELECT,
// MULTI/EXEC/DISCARD and INFO. Replies match Redis 7.0 for these cases.
import type { Reply } from '../engine/index.ts';

export function fakeServer(): (argv: string[]) => Reply {
	const dbs = new Map<number, Map<string, string>>();
	let db = 0;
	let queue: string[][] | null = null;
	let dirty = false;
	const data = (): Map<string, string> => {
		const found = dbs.get(db);
		if (found) return found;
		const fresh = new Map<string, string>();
		dbs.set(db, fresh);
		return fresh;
	};
	const err = (value: string): Reply => ({ type: 'error', value });
	const run = (argv: string[]): Reply => {
		const [cmd = '', a = '', b = ''] = argv;
		switch (cmd.toLowerCase()) {
			case 'ping':
				return { type: 'status', value: 'PONG' };
			case 'set':
				data().set(a, b);
				return { type: 'status', value: 'OK' };
			case 'get':
				return { type: 'bulk', value: data().get(a) ?? null };
			case 'incr': {
				if (argv.length !== 2) return err("ERR wrong number of arguments for 'incr' command");
				const v = Number(data().get(a) ?? '0') + 1;
				data().set(a, String(v));
				return { type: 'integer', value: v };
			}
			case 'select': {
				if (!/^\d+$/.test(a)) return err('ERR value is not an integer or out of range');
				if (Number(a) > 15) return err('ERR DB index is out of range');
				db = Number(a);
				return { type: 'status', value: 'OK' };
			}
			case 'info':
				return { type: 'bulk', value: '# Server\r\nredis_version:7.0.15\r\n' };
			default:
				return err(`ERR unknown command '${cmd}', with args beginning with: `);
		}
	};
	return (argv) => {
		const cmd = (argv[0] ?? '').toLowerCase();
		if (cmd === 'multi') {
			if (queue) return err('ERR MULTI calls can not be nested');
			queue = [];
			dirty = false;
			return { type: 'status', value: 'OK' };
		}
		if (cmd === 'exec' || cmd === 'discard') {
			if (!queue) return err(`ERR ${cmd.toUpperCase()} without MULTI`);
			const q = queue;
			queue = null;
			if (cmd === 'discard') return { type: 'status', value: 'OK' };
			if (dirty) return err('EXECABORT Transaction discarded because of previous errors.');
			return { type: 'array', value: q.map(run) };
		}
		if (queue) {
			if (cmd === 'incr' && argv.length !== 2) {
				dirty = true;
				return run(argv);
			}
			queue.push(argv);
			return { type: 'status', value: 'QUEUED' };
		}
		return run(argv);
	};
}
