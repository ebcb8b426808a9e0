// Mirrors src/t_hash.c: the reading hash commands here, the writing ones in hash-write.ts,
// HRANDFIELD in hash-random.ts and HSCAN in hash-scan.ts.
import type { CommandContext, CommandSpec } from '../command.ts';
import type { HashObject } from '../object.ts';
import { EMPTY_ARRAY, NIL, ZERO, array, bulk, bulks, integer, type Reply } from '../reply.ts';
import { hashRandomCommands } from './hash-random.ts';
import { hashScanCommands } from './hash-scan.ts';
import { isHashReply, readHash } from './hash-type.ts';
import { hashWriteCommands } from './hash-write.ts';

/** Runs `answer` on the hash at argv[1]; a missing key gets `missing`, another type WRONGTYPE. */
function withHash(
	{ server, db, argv }: CommandContext,
	missing: Reply,
	answer: (obj: HashObject) => Reply,
): Reply {
	const obj = readHash(server, db, argv[1]!);
	if (obj === null) return missing;
	if (isHashReply(obj)) return obj;
	return answer(obj);
}

const EMPTY_MAP = array([], 'map');

/** genericHgetallCommand: fields, values or both, in the hash's own order (RESP3: a map). */
function hgetall(obj: HashObject, keys: boolean, values: boolean): Reply {
	const out: string[] = [];
	for (const [f, v] of obj.value) {
		if (keys) out.push(f);
		if (values) out.push(v);
	}
	return bulks(out, keys && values ? 'map' : undefined);
}

const readFast = ['readonly', 'fast'] as const;
const oneKey = [1, 1, 1] as const;

const hashReadCommands: readonly CommandSpec[] = [
	{
		name: 'HGET',
		arity: 3,
		flags: readFast,
		group: 'hash',
		summary: 'Returns the value of a hash field.',
		syntax: 'key field',
		since: '2.0.0',
		keys: oneKey,
		run: (ctx) => withHash(ctx, NIL, (obj) => bulk(obj.value.get(ctx.argv[2]!) ?? null)),
	},
	{
		name: 'HMGET',
		arity: -3,
		flags: readFast,
		group: 'hash',
		summary: 'Returns the values of several hash fields (nil for each missing one).',
		syntax: 'key field [field ...]',
		since: '2.0.0',
		keys: oneKey,
		run(ctx) {
			const fields = ctx.argv.slice(2);
			return withHash(ctx, bulks(fields.map(() => null)), (obj) =>
				bulks(fields.map((f) => obj.value.get(f) ?? null)),
			);
		},
	},
	{
		name: 'HGETALL',
		arity: 2,
		flags: ['readonly'],
		group: 'hash',
		summary: 'Returns every field and value of a hash.',
		syntax: 'key',
		since: '2.0.0',
		keys: oneKey,
		run: (ctx) => withHash(ctx, EMPTY_MAP, (obj) => hgetall(obj, true, true)),
	},
	{
		name: 'HKEYS',
		arity: 2,
		flags: ['readonly'],
		group: 'hash',
		summary: 'Returns every field name of a hash.',
		syntax: 'key',
		since: '2.0.0',
		keys: oneKey,
		run: (ctx) => withHash(ctx, EMPTY_ARRAY, (obj) => hgetall(obj, true, false)),
	},
	{
		name: 'HVALS',
		arity: 2,
		flags: ['readonly'],
		group: 'hash',
		summary: 'Returns every value of a hash.',
		syntax: 'key',
		since: '2.0.0',
		keys: oneKey,
		run: (ctx) => withHash(ctx, EMPTY_ARRAY, (obj) => hgetall(obj, false, true)),
	},
	{
		name: 'HLEN',
		arity: 2,
		flags: readFast,
		group: 'hash',
		summary: 'Returns the number of fields in a hash.',
		syntax: 'key',
		since: '2.0.0',
		keys: oneKey,
		run: (ctx) => withHash(ctx, ZERO, (obj) => integer(obj.value.size)),
	},
	{
		name: 'HEXISTS',
		arity: 3,
		flags: readFast,
		group: 'hash',
		summary: 'Tells whether a hash field exists (1) or not (0).',
		syntax: 'key field',
		since: '2.0.0',
		keys: oneKey,
		run: (ctx) => withHash(ctx, ZERO, (obj) => integer(obj.value.has(ctx.argv[2]!) ? 1 : 0)),
	},
	{
		name: 'HSTRLEN',
		arity: 3,
		flags: readFast,
		group: 'hash',
		summary: "Returns the byte length of a hash field's value (0 when missing).",
		syntax: 'key field',
		since: '3.2.0',
		keys: oneKey,
		run: (ctx) => withHash(ctx, ZERO, (obj) => integer(obj.value.get(ctx.argv[2]!)?.length ?? 0)),
	},
];

export const hashesCommands: readonly CommandSpec[] = [
	...hashWriteCommands,
	...hashReadCommands,
	...hashRandomCommands,
	...hashScanCommands,
];
