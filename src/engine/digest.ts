// Mirrors the digest half of src/debug.c (xorDigest, mixDigest, xorObjectDigest,
// computeDatasetDigest): the 40-hex-digit SHA-1 fingerprints DEBUG DIGEST prints for the whole
// dataset and DEBUG DIGEST-VALUE prints for one value. Redis's test suite compares them across
// replicas and reloads, so they depend only on the logical contents, never on an encoding, a
// hash table's order or the memory layout: two servers holding the same data print the same text.
//
// Two ways of folding a piece in, chosen by whether its position matters:
//   xor  digest ^= SHA1(data)               order-free: set members, hash fields, zset members,
//                                           the keys of a database
//   mix  digest = SHA1(digest ^ SHA1(data))  ordered: list elements, and the parts inside one
//                                           element (key then type then value; field then value)
import type { RedisObject } from './object.ts';
import { toBytes } from './bits.ts';
import { sha1 } from './sha1.ts';
import { formatDouble } from './strtod.ts';

/** What both commands print when there is nothing to digest (an empty dataset, a missing key). */
export const EMPTY_DIGEST = '0'.repeat(40);

/** The parts of a database (keyspace.ts's Db) that the dataset digest reads. */
export interface DigestDb {
	/** Every key and its object, in any order (the digest does not depend on it). */
	readonly dict: { readonly size: number } & Iterable<[string, RedisObject]>;
	/** Keys with a TTL. Only the presence of one counts, not its time (see xorObjectDigest). */
	readonly expires: { has(key: string): boolean };
}

/** OBJ_STRING … OBJ_HASH of server.h, the tag mixed in before each value. */
const TYPE_CODE = { string: 0, list: 1, set: 2, zset: 3, hash: 4 } as const;

/** The marker debug.c xors in for a key that has an expire: the ten bytes "!!expire!!". */
const EXPIRE_MARK = toBytes('!!expire!!');

/** htonl(n): a 32-bit integer's four bytes, most significant first, as debug.c hashes ids. */
function uint32BigEndian(n: number): Uint8Array {
	return Uint8Array.of((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}

function xorDigest(digest: Uint8Array, data: Uint8Array): void {
	const hash = sha1(data);
	for (let j = 0; j < 20; j++) digest[j]! ^= hash[j]!;
}

function mixDigest(digest: Uint8Array, data: Uint8Array): void {
	xorDigest(digest, data);
	digest.set(sha1(digest));
}

function toHex(digest: Uint8Array): string {
	let s = '';
	for (const b of digest) s += b.toString(16).padStart(2, '0');
	return s;
}

/** A (member, score) or (field, value) pair: both mixed into a fresh digest, xored into `digest`. */
function xorPair(digest: Uint8Array, first: string, second: string): void {
	const element = new Uint8Array(20);
	mixDigest(element, toBytes(first));
	mixDigest(element, toBytes(second));
	xorDigest(digest, element);
}

/**
 * xorObjectDigest: folds the type and the value of one key into `digest`, and the expire marker if
 * the key has a TTL. Every encoding reads as its logical contents: an int-encoded string, an
 * intset member and a listpack integer all digest their decimal text, which is also the text the
 * engine keeps (only a canonical decimal is ever stored as an integer).
 */
function xorObjectDigest(digest: Uint8Array, obj: RedisObject, hasExpire: boolean): void {
	mixDigest(digest, uint32BigEndian(TYPE_CODE[obj.type]));
	switch (obj.type) {
		case 'string':
			mixDigest(digest, toBytes(obj.value));
			break;
		case 'list':
			// Head to tail, each element mixed: a reordered list digests differently.
			for (const element of obj.value.toArray()) mixDigest(digest, toBytes(element));
			break;
		case 'set':
			// A member is xored straight into the value's digest (no per-member mix, unlike the pairs).
			for (const member of obj.value) xorDigest(digest, toBytes(member));
			break;
		case 'zset':
			// The score goes in as printf's "%.17g" of the double, for listpack and skiplist alike: a
			// listpack keeps it as d2string's text, which reads back as the same double.
			for (const node of obj.value.nodes()) xorPair(digest, node.ele, formatDouble(node.score));
			break;
		case 'hash':
			for (const [field, value] of obj.value) xorPair(digest, field, value);
			break;
	}
	if (hasExpire) xorDigest(digest, EXPIRE_MARK);
}

/**
 * DEBUG DIGEST-VALUE's text for one key: `obj` its value (undefined for a missing key, which prints
 * EMPTY_DIGEST) and `hasExpire` whether it has a TTL. The key's name is not part of it, so two keys
 * with equal values (and both with or both without a TTL) print the same digest. Redis looks the key
 * up without expiring it, so a logically expired key still digests as its value.
 */
export function digestValue(obj: RedisObject | undefined, hasExpire = false): string {
	if (obj === undefined) return EMPTY_DIGEST;
	const digest = new Uint8Array(20);
	xorObjectDigest(digest, obj, hasExpire);
	return toHex(digest);
}

/**
 * computeDatasetDigest, as DEBUG DIGEST prints it: `dbs` in id order (server.dbs). Each non-empty
 * database mixes its id into the running digest, so the same keys in another database digest
 * differently; then every key's digest (its name mixed, then its value as digestValue, TTL marker
 * included) is xored in, so the order a database is walked in does not matter. Logically expired
 * keys still in the dict count, as they do in Redis. An empty dataset is EMPTY_DIGEST.
 */
export function datasetDigest(dbs: readonly DigestDb[]): string {
	const final = new Uint8Array(20);
	dbs.forEach((db, id) => {
		if (db.dict.size === 0) return;
		mixDigest(final, uint32BigEndian(id));
		for (const [key, obj] of db.dict) {
			const digest = new Uint8Array(20);
			mixDigest(digest, toBytes(key));
			xorObjectDigest(digest, obj, db.expires.has(key));
			xorDigest(final, digest);
		}
	});
	return toHex(final);
}
