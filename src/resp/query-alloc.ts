// Mirrors what src/networking.c and src/server.c do to the size of a client's query buffer, which
// CLIENT LIST reports as qbuf + qbuf-free: readQueryFromClient's growth before each read (a first
// 16 KB, then greedy doubling; a bulk of 32 KB or more gets a buffer of its own size), the fresh
// buffer left behind when such a bulk becomes the argument itself, and clientsCronResizeQueryBuffer,
// which serverCron runs for every client each 100 ms (hz 10, a handful of clients): it gives back
// the space of a client idle for more than 2 s, and trims one far bigger than its recent peak.
// A query buffer is appended to, so its sds header is never the 1-byte type 5 (sdsHeader's false).
import { jemallocSize, sdsHeader } from '../engine/index.ts';

/** PROTO_IOBUF_LEN: what one read asks for. */
const READ_LEN = 16 * 1024;
/** PROTO_MBULK_BIG_ARG: a bulk this long is read into a buffer of its own size. */
export const BIG_ARG = 32 * 1024;
/** PROTO_RESIZE_THRESHOLD: the cron trims only buffers bigger than this. */
const RESIZE_THRESHOLD = 32 * 1024;
/** SDS_MAX_PREALLOC: greedy growth doubles up to this, then adds it. */
const MAX_PREALLOC = 1024 * 1024;
const CRON_MS = 100;
const SETTLED_VISITS = 50;

/** The alloc sdsMakeRoomFor / sdsnewlen record for `len` bytes: the allocation's usable size. */
function usableFor(len: number): number {
	const header = sdsHeader(len, false);
	return jemallocSize(header + len + 1) - header - 1;
}

export class QueryAlloc {
	/** sdsalloc(querybuf): sdsempty() is an 8-byte allocation, 4 of them usable. */
	alloc = usableFor(0);
	/** querybuf_peak: the longest the buffer was since the cron last looked. */
	#peak = 0;
	/** lastinteraction, in whole seconds as server.unixtime counts them. */
	#lastSeconds: number;
	#nextVisit: number;

	constructor(now: number) {
		this.#lastSeconds = Math.floor(now / 1000);
		this.#nextVisit = Math.floor(now / CRON_MS) * CRON_MS + CRON_MS;
	}

	/**
	 * readQueryFromClient before a read into a buffer holding `len` bytes: room for a 16 KB read,
	 * exact for a first read (sdsMakeRoomForNonGreedy), doubling after (sdsMakeRoomFor). Inside a
	 * big bulk the room was made when its length was read (bigBulk).
	 */
	beforeRead(len: number, inBigBulk: boolean): void {
		if (inBigBulk) return;
		if (this.alloc < READ_LEN) {
			if (this.alloc - len < READ_LEN) this.alloc = usableFor(len + READ_LEN);
		} else if (this.alloc - len < READ_LEN) {
			const wanted = len + READ_LEN;
			this.alloc = usableFor(wanted < MAX_PREALLOC ? wanted * 2 : wanted + MAX_PREALLOC);
		}
	}

	/** After a read left `len` bytes in the buffer at `now`. */
	afterRead(len: number, now: number): void {
		if (len > this.#peak) this.#peak = len;
		this.#lastSeconds = Math.floor(now / 1000);
	}

	/** A bulk of `ll` bytes (≥ BIG_ARG) starts the buffer: room for exactly it and its CRLF. */
	bigBulk(ll: number): void {
		if (this.alloc < ll + 2) this.alloc = usableFor(ll + 2);
	}

	/** The big bulk's buffer became the argument; a new one the same size waits for the next. */
	bigBulkTaken(ll: number): void {
		this.alloc = usableFor(ll + 2);
	}

	/**
	 * The cron's visits due by `now`, with the buffer holding `len` bytes and `bulklen` the bulk
	 * being read (-1 when none).
	 */
	catchUp(now: number, len: number, bulklen: number): void {
		let visits = 0;
		for (; this.#nextVisit <= now; this.#nextVisit += CRON_MS) {
			// Five seconds of visits with no read in between have run the idle trim: the rest change
			// nothing, so a connection idle for a day catches up in as many steps as one idle for 5 s.
			if (++visits > SETTLED_VISITS)
				this.#nextVisit = Math.max(this.#nextVisit, Math.floor(now / CRON_MS) * CRON_MS);
			const seconds = Math.floor(this.#nextVisit / 1000);
			if (this.alloc - len > 4 * 1024) {
				if (seconds - this.#lastSeconds > 2) this.alloc = len;
				else if (this.alloc > RESIZE_THRESHOLD && this.alloc / 2 > this.#peak) {
					let resize = Math.max(len, this.#peak);
					if (bulklen !== -1 && resize < bulklen) resize = bulklen;
					this.alloc = resize;
				}
			}
			this.#peak = bulklen !== -1 && bulklen > len ? bulklen : len;
		}
	}
}

/** sdsZmallocSize of a query buffer whose alloc is `alloc` (tot-mem counts the allocation). */
export function queryBufferMalloc(alloc: number): number {
	const header = sdsHeader(alloc, false);
	return jemallocSize(header + alloc + 1);
}
