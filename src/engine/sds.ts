// Mirrors src/sds.c: how much a raw string value really allocates. APPEND and SETRANGE grow a
// value greedily (sdsMakeRoomFor), so MEMORY USAGE after "hello" + "world" is 80, not 64.
import { je } from './memory.ts';
import type { SdsAllocation, StringObject } from './object.ts';

export type { SdsAllocation };

/** SDS_MAX_PREALLOC: below it a growing string doubles, above it it gains 1 MB at a time. */
export const SDS_MAX_PREALLOC = 1024 * 1024;

/** sdsReqType as header bytes: 1 (sdshdr5), 3, 5, 9 or 17. */
function reqHeader(len: number): number {
	if (len < 1 << 5) return 1;
	if (len < 1 << 8) return 3;
	if (len < 1 << 16) return 5;
	if (len < 2 ** 32) return 9;
	return 17;
}

/** sdsTypeMaxSize for a header size. */
function typeMax(hdr: number): number {
	return hdr === 3 ? 255 : hdr === 5 ? 65535 : hdr === 9 ? 2 ** 32 - 1 : Number.MAX_SAFE_INTEGER;
}

/** An allocation of hdr + len + 1 bytes whose spare room becomes `alloc` (capped by the type). */
function allocate(hdr: number, len: number): SdsAllocation {
	const usable = je(hdr + len + 1);
	// sdshdr5 has no alloc field: it never has spare room.
	const alloc = hdr === 1 ? len : Math.min(usable - hdr - 1, typeMax(hdr));
	return { usable, alloc };
}

/** sdsnewlen: an exact-size string; short ones get sdshdr5 unless empty. */
export function sdsNewLen(len: number): SdsAllocation {
	return allocate(len === 0 ? 3 : reqHeader(len), len);
}

/**
 * The allocation a raw value already has. One that APPEND/SETRANGE grew carries it; otherwise it
 * came from the protocol: created exact-size, then trimStringObjectIfNeeded dropped the spare room
 * if it exceeded a tenth of the length (the allocation itself stays in its size class).
 */
export function currentAllocation(obj: StringObject): SdsAllocation {
	const len = obj.value.length;
	if (obj.sds) return obj.sds;
	const made = allocate(Math.max(3, reqHeader(len)), len);
	return made.alloc - len > Math.floor(len / 10) ? { usable: made.usable, alloc: len } : made;
}

/** sdsMakeRoomFor (greedy): room for `addlen` more bytes after `len`. */
export function sdsMakeRoomFor(cur: SdsAllocation, len: number, addlen: number): SdsAllocation {
	if (cur.alloc - len >= addlen) return cur;
	const reqlen = len + addlen;
	const newlen = reqlen < SDS_MAX_PREALLOC ? reqlen * 2 : reqlen + SDS_MAX_PREALLOC;
	// sdshdr5 cannot record spare room, so a string that grows always gets at least sdshdr8.
	return allocate(Math.max(3, reqHeader(newlen)), newlen);
}
