// Mirrors DEBUG POPULATE in src/debug.c: `count` keys named `prefix:N` holding `value:N` (cut or
// padded with zero bytes to `size`), skipping keys that exist. One command, so eviction runs once,
// before it — as on a real server, memory can end well over maxmemory until the next command.
import { dbAdd, initialLru, lookupKeyWrite, type Db } from '../keyspace.ts';
import { createString, parseStrictInt64 } from '../object.ts';
import { OK, error, type Reply } from '../reply.ts';
import type { Server } from '../server.ts';

/** A browser tab has no swap to fall back on: past this the playground refuses (Redis would try). */
export const POPULATE_LIMIT = 2_000_000;
const NOT_POSITIVE = 'ERR value is out of range, must be positive';

function positive(arg: string): number | null {
	const v = parseStrictInt64(arg);
	return v === null || v < 0n ? null : Number(v);
}

export function debugPopulate(server: Server, db: Db, argv: readonly string[]): Reply {
	const count = positive(argv[2]!);
	if (count === null) return error(NOT_POSITIVE);
	const prefix = argv[3] ?? 'key';
	let size: number | null = null;
	if (argv[4] !== undefined) {
		size = positive(argv[4]);
		if (size === null) return error(NOT_POSITIVE);
	}
	if (count > POPULATE_LIMIT)
		return error(
			`ERR Cache Lab runs in a browser tab: DEBUG POPULATE takes at most ${POPULATE_LIMIT} keys`,
		);
	for (let j = 0; j < count; j++) {
		const key = `${prefix}:${j}`;
		if (lookupKeyWrite(server, db, key) !== null) continue;
		let value = `value:${j}`;
		if (size !== null)
			value =
				value.length >= size ? value.slice(0, size) : value + '\0'.repeat(size - value.length);
		dbAdd(server, db, key, createString(value, initialLru(server)));
	}
	return OK;
}
