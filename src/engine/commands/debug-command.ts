// Mirrors the parts of debugCommand (src/debug.c) the playground and Redis's tests need: SLEEP,
// SET-ACTIVE-EXPIRE, POPULATE, LOG, OBJECT, RELOAD, QUICKLIST-PACKED-THRESHOLD, DIGEST,
// DIGEST-VALUE, PROTOCOL and HELP. DEBUG is not a container in Redis (arity -2): every subcommand
// checks its own argument count and any mismatch gets the same "unknown subcommand or wrong
// number" error.
import { intWidth } from '../set-members.ts';
import type { CommandSpec } from '../command.ts';
import type { RedisObject } from '../object.ts';
import { ERR, OK, array, error, status, type Reply } from '../reply.ts';
import type { Server } from '../server.ts';
import { emptyDb, type Db } from '../keyspace.ts';
import { loadSnapshot } from '../db-copy.ts';
import { rdbSave } from '../persistence.ts';
import { datasetDigest, digestValue } from '../digest.ts';
import { listpackBytes } from '../memory-zset.ts';
import { listpackBytes as listpackImage } from '../listpack-bytes.ts';
import { lzfCompressedLength } from '../lzf.ts';
import { memtoull } from '../config-parse.ts';
import { storedConfig } from '../config.ts';
import { PACKED_THRESHOLD_DEFAULT, PACKED_THRESHOLD_MAX, type QuickList } from '../quicklist.ts';
import { DEBUG_HELP } from './debug-help.ts';
import { debugPopulate } from './debug-populate.ts';
import { debugProtocol } from './debug-protocol.ts';
import { helpReply } from './help.ts';
import { fixed } from './info-format.ts';
import { idleSeconds, isSharedInteger } from './object-command.ts';

/** strtod as DEBUG SLEEP uses it: the longest numeric prefix, 0 when there is none. */
export function strtod(s: string): number {
	const m = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?/i.exec(s);
	return m ? Number(m[0].trim()) : 0;
}

/** atoi: an optional sign and the digits that follow, 0 when there are none. */
export function atoi(s: string): number {
	const m = /^\s*[+-]?\d+/.exec(s);
	return m ? Number(m[0].trim()) : 0;
}

/**
 * DEBUG SLEEP: the server blocks, so time passes with nothing else running. The virtual clock
 * advances while `sleeping` tells the cron to skip its ticks, as a busy event loop would.
 */
function debugSleep(server: Server, arg: string): Reply {
	const usec = Math.trunc(strtod(arg) * 1_000_000);
	if (Number.isFinite(usec) && usec > 0) {
		server.sleeping = true;
		try {
			server.clock.advance(usec / 1000);
		} finally {
			server.sleeping = false;
			server.wakeCron(server.now());
		}
	}
	return OK;
}

/** rdbSaveLen: 1, 2, 5 or 9 bytes. */
const savedLen = (n: number) => (n < 64 ? 1 : n < 16384 ? 2 : n <= 0xffffffff ? 5 : 9);

/** rdbSaveLzfBlob: the LZF marker, both lengths and the compressed bytes. */
const lzfBlob = (compressed: number, original: number) =>
	1 + savedLen(compressed) + savedLen(original) + compressed;

/**
 * rdbSaveRawString of a quicklist node's entry: an element of up to 11 bytes that string2ll
 * takes and fits 32 bits as a 2-, 3- or 5-byte integer; else, past 20 bytes and with
 * rdbcompression on, LZF when it saves 4 bytes or more (out_len is len - 4); else verbatim.
 */
function rawStringLength(bytes: () => Uint8Array, len: number, s: string | null, lzf: boolean) {
	if (s !== null && len <= 11 && /^(0|-?[1-9][0-9]*)$/.test(s)) {
		const n = Number(s);
		if (n >= -128 && n <= 127) return 2;
		if (n >= -32768 && n <= 32767) return 3;
		if (n >= -2147483648 && n <= 2147483647) return 5;
	}
	if (lzf && len > 20) {
		const c = lzfCompressedLength(bytes(), len - 4);
		if (c > 0) return lzfBlob(c, len);
	}
	return savedLen(len) + len;
}

/**
 * rdbSaveObject's quicklist: the node count, then each node's container and its entry, a
 * compressed node as the LZF blob it already is.
 */
function quicklistSavedLength(ql: QuickList, rdbCompression: boolean): number {
	let total = savedLen(ql.nodes.length);
	for (const node of ql.nodes) {
		total += 1;
		if (node.lzf > 0) total += lzfBlob(node.lzf, node.sz);
		else if (node.plain) {
			const s = node.items[0]!;
			const bytes = () => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);
			total += rawStringLength(bytes, s.length, s, rdbCompression);
		} else total += rawStringLength(() => listpackImage(node.items), node.sz, null, rdbCompression);
	}
	return total;
}

/** rdbSavedObjectLen: an integer's compact form, else a length prefix and bytes (LZF for lists). */
function serializedLength(server: Server, obj: RedisObject): number {
	const lenPrefix = (n: number) => (n < 64 ? 1 : n < 16384 ? 2 : 5);
	const str = (s: string) => lenPrefix(s.length) + s.length;
	if (obj.type === 'string') {
		if (obj.encoding === 'int') {
			const n = Number(obj.value);
			if (n >= -128 && n <= 127) return 2;
			if (n >= -32768 && n <= 32767) return 3;
			if (n >= -2147483648 && n <= 2147483647) return 5;
		}
		return str(obj.value);
	}
	if (obj.type === 'zset') {
		// A listpack is saved as one blob; a skiplist as its members, each with a binary double.
		if (obj.encoding === 'listpack')
			return lenPrefix(listpackBytes(obj.value)) + listpackBytes(obj.value);
		let zlen = lenPrefix(obj.value.size);
		for (const x of obj.value.nodes()) zlen += str(x.ele) + 8;
		return zlen;
	}
	if (obj.type === 'list') {
		return quicklistSavedLength(obj.value, storedConfig(server.config, 'rdbcompression') === 'yes');
	}
	if (obj.type === 'set') {
		// An intset is saved as its blob; a hashtable as its members.
		if (!obj.value.isDict) {
			const blob = 8 + obj.value.width * obj.value.size;
			return lenPrefix(blob) + blob;
		}
		// rdbSaveRawString: a short member that is an int32 is saved as a 1-, 2- or 4-byte integer.
		const member = (m: string) => {
			const w = m.length <= 11 ? intWidth(m) : 0;
			if (w === 0 || w === 8) return str(m);
			const n = Number(m);
			return n >= -128 && n <= 127 ? 2 : n >= -32768 && n <= 32767 ? 3 : 5;
		};
		let total = lenPrefix(obj.value.size);
		for (const m of obj.value.members) total += member(m);
		return total;
	}
	let total = lenPrefix(obj.value.size);
	for (const [f, v] of obj.value) total += str(f) + str(v);
	return total;
}

/** The quicklist fields DEBUG OBJECT appends for a list. */
function quicklistExtra(obj: RedisObject): string {
	if (obj.type !== 'list') return '';
	const ql = obj.value;
	let sz = 0;
	for (const node of ql.nodes) sz += node.sz;
	// %.2f: glibc rounds an exact tie (13 elements in 8 nodes: 1.625) to even, toFixed up.
	const avg = fixed(ql.length / ql.nodes.length);
	return (
		` ql_nodes:${ql.nodes.length} ql_avg_node:${avg} ql_listpack_max:${ql.fill}` +
		` ql_compressed:${ql.compress !== 0 ? 1 : 0} ql_uncompressed_size:${sz}`
	);
}

/** DEBUG OBJECT: a raw dict lookup (no expiry, no stats, no touch) and one status line. */
function debugObject(server: Server, db: Db, key: string): Reply {
	const obj = db.dict.get(key);
	if (!obj) return error(ERR.noSuchKey);
	const address = (0x7f0000000000 + (obj.slot + 1) * 0x40).toString(16);
	const refcount = isSharedInteger(server, obj) ? 2147483647 : 1;
	return status(
		`Value at:0x${address} refcount:${refcount} encoding:${obj.encoding} ` +
			`serializedlength:${serializedLength(server, obj)} lru:${obj.lru} ` +
			`lru_seconds_idle:${idleSeconds(server, obj)}${quicklistExtra(obj)}`,
	);
}

/**
 * DEBUG RELOAD [MERGE] [NOFLUSH] [NOSAVE]: save (unless NOSAVE), empty every database (unless
 * NOFLUSH), load the last save back. What comes back is what a restart would load: expired keys
 * are dropped and every value is re-encoded for the current config (rdb-load.ts).
 */
function debugReload(server: Server, argv: readonly string[]): Reply {
	let merge = false;
	let flush = true;
	let save = true;
	for (let j = 2; j < argv.length; j++) {
		const opt = argv[j]!.toLowerCase();
		if (opt === 'merge') merge = true;
		else if (opt === 'noflush') flush = false;
		else if (opt === 'nosave') save = false;
		else return error('ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and NOSAVE options.');
	}
	if (save && !rdbSave(server)) return error('ERR');
	const snapshot = server.persistence.snapshot;
	// Keys both loaded and kept, without MERGE, stop Redis with "Duplicated key found in RDB
	// file"; the engine answers the load error and keeps what it has instead.
	const clash =
		!flush &&
		!merge &&
		snapshot?.dbs.some((d) => d.keys.some((k) => server.dbs[d.id]?.dict.has(k)));
	if (flush) for (const d of server.dbs) emptyDb(server, d);
	if (!snapshot || clash) return error('ERR Error trying to load the RDB dump');
	loadSnapshot(server, snapshot, merge);
	return OK;
}

/**
 * DEBUG QUICKLIST-PACKED-THRESHOLD <size>: memtoull, then quicklistisSetPackedThreshold, which
 * refuses more than 4 GB less 1 MB and takes 0 as "back to the default". The message is Redis's,
 * though 1 itself is accepted.
 */
function debugPackedThreshold(server: Server, arg: string): Reply {
	const sz = memtoull(arg);
	if (sz === null || sz > BigInt(PACKED_THRESHOLD_MAX))
		return error('ERR argument must be a memory value bigger than 1 and smaller than 4gb');
	server.packedThreshold = sz === 0n ? PACKED_THRESHOLD_DEFAULT : Number(sz);
	return OK;
}

export const debugCommand: CommandSpec = {
	name: 'DEBUG',
	arity: -2,
	flags: ['admin', 'noscript', 'loading', 'stale'],
	group: 'server',
	summary: 'A container for debugging commands: SLEEP advances the virtual clock.',
	syntax: 'subcommand [argument ...]',
	since: '1.0.0',
	run({ server, client, db, argv }) {
		const sub = argv[1]!;
		const name = sub.toLowerCase();
		const argc = argv.length;
		if (argc === 2 && name === 'help') return helpReply('DEBUG', DEBUG_HELP);
		if (argc === 3 && name === 'sleep') return debugSleep(server, argv[2]!);
		if (argc === 3 && name === 'set-active-expire') {
			server.activeExpireEnabled = atoi(argv[2]!) !== 0;
			server.wakeCron(server.now());
			return OK;
		}
		if (argc >= 3 && argc <= 5 && name === 'populate') return debugPopulate(server, db, argv);
		if (argc === 3 && name === 'log') return OK;
		if (argc === 3 && name === 'object') return debugObject(server, db, argv[2]!);
		if (name === 'reload') return debugReload(server, argv);
		if (argc === 2 && name === 'digest') return status(datasetDigest(server.dbs));
		// A raw dict lookup: logically expired keys are digested too, and nothing counts as a read.
		if (name === 'digest-value')
			return array(
				argv.slice(2).map((key) => status(digestValue(db.dict.get(key), db.expires.has(key)))),
			);
		if (argc === 3 && name === 'protocol') return debugProtocol(client, argv[2]!);
		if (argc === 3 && name === 'quicklist-packed-threshold')
			return debugPackedThreshold(server, argv[2]!);
		const shown = sub.slice(0, 128).replace(/[\r\n]/g, ' ');
		return error(
			`ERR unknown subcommand or wrong number of arguments for '${shown}'. Try ${argv[0]!.toUpperCase()} HELP.`,
		);
	},
};
