// Mirrors the helpers of src/bitops.c that SETBIT, GETBIT, BITFIELD and friends share: the bit
// offset argument, the bitfield type argument and lookupStringForBitCommand.
import { dbAdd, initialLru, type Db } from '../keyspace.ts';
import { parseStrictInt64, type StringObject } from '../object.ts';
import { sdsMakeRoomFor, sdsNewLen } from '../sds.ts';
import type { Server } from '../server.ts';
import { PROTO_MAX_BULK_LEN, editString, rawString } from './append.ts';

export const BIT_OFFSET_ERR = 'ERR bit offset is not an integer or out of range';
export const BITFIELD_TYPE_ERR =
	'ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.';

/**
 * getBitOffsetFromArgument: a non-negative int64 whose byte lies within proto-max-bulk-len. With
 * `bits` (BITFIELD), `#n` means the n-th field of that width; the product wraps as C's int64 does.
 */
export function bitOffset(arg: string, bits = 0): number | null {
	const hash = bits > 0 && arg.charCodeAt(0) === 35; /* # */
	let n = parseStrictInt64(hash ? arg.slice(1) : arg);
	if (n === null) return null;
	if (hash) n = BigInt.asIntN(64, n * BigInt(bits));
	if (n < 0n || n >> 3n >= BigInt(PROTO_MAX_BULK_LEN)) return null;
	return Number(n);
}

export interface BitfieldType {
	readonly signed: boolean;
	readonly bits: number;
}

/** getBitfieldTypeFromArgument: `i1`…`i64` or `u1`…`u63` (a u64 could not be replied). */
export function bitfieldType(arg: string): BitfieldType | null {
	const sign = arg[0];
	if (sign !== 'i' && sign !== 'u') return null;
	// The width is read as a C string: it ends at a zero byte.
	const n = parseStrictInt64(arg.slice(1).split('\u0000')[0]!);
	if (n === null || n < 1n || n > (sign === 'i' ? 64n : 63n)) return null;
	return { signed: sign === 'i', bits: Number(n) };
}

/**
 * lookupStringForBitCommand and the write after it: a missing key is created zero-filled with
 * bit `maxbit` in its last byte (an exact raw sds); an existing one is unshared (turned raw) and
 * grown greedily with zero bytes if it is too short. `edit` gets the padded value and whether the
 * key was created or grown (lookupStringForBitCommand's `dirty`), and returns the new value, of
 * the same length, and whether the key counts as modified: only then is it signalled (WATCH), as
 * SETBIT and BITFIELD signal only a write that created, grew or changed something.
 */
export function writeBits(
	server: Server,
	db: Db,
	key: string,
	obj: StringObject | null,
	maxbit: number,
	edit: (padded: string, dirty: boolean) => { value: string; modified: boolean },
): void {
	const need = Math.floor(maxbit / 8) + 1;
	if (!obj) {
		const { value } = edit('\u0000'.repeat(need), true);
		dbAdd(server, db, key, rawString(value, sdsNewLen(need), initialLru(server)));
		return;
	}
	let modified = false;
	editString(
		server,
		db,
		key,
		obj,
		(sds) => {
			const len = obj.value.length;
			const grown = need > len;
			const r = edit(grown ? obj.value + '\u0000'.repeat(need - len) : obj.value, grown);
			modified = r.modified;
			return { value: r.value, sds: grown ? sdsMakeRoomFor(sds, len, need - len) : sds };
		},
		() => modified,
	);
}
