// Mirrors objectCommand in src/object.c: OBJECT ENCODING / FREQ / IDLETIME / REFCOUNT / HELP. The
// lookup is objectCommandLookup: lazy expiry and hit/miss stats as for a read, but NOTOUCH, so
// asking about a key never refreshes its LRU clock or LFU counter.
import { container, type CommandSpec } from '../command.ts';
import { LOOKUP_NONOTIFY, LOOKUP_NOTOUCH, lookupKeyRead } from '../keyspace.ts';
import { lfuDecrAndReturn } from '../lfu.ts';
import { lruIdleTicks } from '../lru.ts';
import type { RedisObject } from '../object.ts';
import { NIL, bulk, error, integer, type Reply } from '../reply.ts';
import type { Server } from '../server.ts';
import { helpReply } from './help.ts';

/** OBJ_SHARED_REFCOUNT: the refcount shared objects report. */
const OBJ_SHARED_REFCOUNT = 2147483647;
/** OBJ_SHARED_INTEGERS: 0..9999 are shared objects, unless an LRU/LFU maxmemory needs each own clock. */
const OBJ_SHARED_INTEGERS = 10000;

const ADJUST =
	'Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.';
const LFU_NOT_SELECTED = `ERR An LFU maxmemory policy is not selected, access frequency not tracked. ${ADJUST}`;
const LFU_SELECTED = `ERR An LFU maxmemory policy is selected, idle time not tracked. ${ADJUST}`;

/** estimateObjectIdleTime in seconds (the LRU clock has one-second resolution). */
export function idleSeconds(server: Server, obj: RedisObject): number {
	return lruIdleTicks(server.lruClock(), obj.lru);
}

/**
 * Whether the value is one of the shared integers. Redis decides when the object is created; the
 * engine keeps no such bit, so it decides from the configuration of the moment.
 */
export function isSharedInteger(server: Server, obj: RedisObject): boolean {
	if (obj.type !== 'string' || obj.encoding !== 'int') return false;
	const n = Number(obj.value);
	if (n < 0 || n >= OBJ_SHARED_INTEGERS) return false;
	const policy = server.config['maxmemory-policy'];
	return server.config.maxmemory === 0 || !(policy.endsWith('-lru') || policy.endsWith('-lfu'));
}

type Inspect = (server: Server, obj: RedisObject) => Reply;

const inspectors: Record<string, Inspect> = {
	ENCODING: (_server, obj) => bulk(obj.encoding),
	REFCOUNT: (server, obj) => integer(isSharedInteger(server, obj) ? OBJ_SHARED_REFCOUNT : 1),
	IDLETIME: (server, obj) =>
		server.isLfu() ? error(LFU_SELECTED) : integer(idleSeconds(server, obj)),
	FREQ: (server, obj) =>
		server.isLfu()
			? integer(lfuDecrAndReturn(obj.lru, server.now(), server.config['lfu-decay-time']))
			: error(LFU_NOT_SELECTED),
};

function inspector(name: string, summary: string, since: string): CommandSpec {
	const inspect = inspectors[name]!;
	return {
		name: `OBJECT|${name}`,
		arity: 3,
		flags: ['readonly'],
		group: 'generic',
		summary,
		syntax: 'key',
		since,
		keys: [2, 2, 1],
		run({ server, db, argv }) {
			const obj = lookupKeyRead(server, db, argv[2]!, LOOKUP_NOTOUCH | LOOKUP_NONOTIFY);
			return obj ? inspect(server, obj) : NIL;
		},
	};
}

const OBJECT_HELP = [
	'ENCODING <key>',
	'    Return the kind of internal representation used in order to store the value',
	'    associated with a <key>.',
	'FREQ <key>',
	'    Return the access frequency index of the <key>. The returned integer is',
	'    proportional to the logarithm of the recent access frequency of the key.',
	'IDLETIME <key>',
	'    Return the idle time of the <key>, that is the approximated number of',
	'    seconds elapsed since the last access to the key.',
	'REFCOUNT <key>',
	'    Return the number of references of the value associated with the specified',
	'    <key>.',
];

export const objectCommand: CommandSpec = container({
	name: 'OBJECT',
	flags: [],
	group: 'generic',
	summary: 'A container for object introspection commands.',
	syntax: '<subcommand> [arguments]',
	since: '2.2.3',
	subcommands: [
		inspector('FREQ', "Returns the key's logarithmic access frequency counter (LFU).", '4.0.0'),
		inspector('ENCODING', "Returns the internal encoding of the key's value.", '2.2.3'),
		inspector('IDLETIME', 'Returns the seconds since the key was last accessed (LRU).', '2.2.3'),
		{
			name: 'OBJECT|HELP',
			arity: 2,
			flags: ['loading', 'stale'],
			group: 'generic',
			summary: 'Returns helpful text about the different subcommands.',
			syntax: '',
			since: '6.2.0',
			run: () => helpReply('OBJECT', OBJECT_HELP),
		},
		inspector('REFCOUNT', 'Returns the reference count of the value of the key.', '2.2.3'),
	],
});
