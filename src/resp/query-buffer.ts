// Mirrors src/networking.c: processInputBuffer, processInlineBuffer and processMultibulkBuffer —
// the client query buffer and the two request syntaxes, with Redis 7.0's exact protocol errors.
import { scanArgs } from '../console/tokenize.ts';
import { BIG_ARG } from './query-alloc.ts';

/** PROTO_INLINE_MAX_SIZE: the longest inline line, or count line, Redis waits for. */
export const PROTO_INLINE_MAX_SIZE = 64 * 1024;
/** proto-max-bulk-len default (512mb). */
export const PROTO_MAX_BULK_LEN = 512 * 1024 * 1024;
/** client-query-buffer-limit default (1gb): past it Redis drops the client without a reply. */
export const CLIENT_QUERY_BUFFER_LIMIT = 1024 * 1024 * 1024;
const INT_MAX = 2 ** 31 - 1;
const INITIAL_CAPACITY = 16 * 1024;
const CR = 13;
const LF = 10;

/** A complete command (argv as binary strings), a protocol error (reply it, then close), or
 * `overflow` (the query buffer passed client-query-buffer-limit: close without a reply). */
export type Request = { argv: string[] } | { error: string } | { overflow: true };

/** string2ll over bytes: optional '-', no '+', no leading zeros, no spaces, fits int64. */
function string2ll(buf: Uint8Array, from: number, to: number): number | null {
	if (from >= to || to - from > 20) return null;
	if (to - from === 1 && buf[from] === 0x30) return 0;
	let p = from;
	const negative = buf[p] === 0x2d;
	if (negative && ++p === to) return null;
	const first = buf[p]!;
	if (first < 0x31 || first > 0x39) return null;
	let v = 0;
	const digitsFrom = p;
	for (; p < to; p++) {
		const d = buf[p]! - 0x30;
		if (d < 0 || d > 9) return null;
		v = v * 10 + d;
	}
	if (to - digitsFrom >= 19) {
		// Near int64's edge only exactness matters, not speed: string2ll refuses an overflow.
		const exact = BigInt(Buffer.from(buf.subarray(from, to)).toString('latin1'));
		if (exact > 9223372036854775807n || exact < -9223372036854775808n) return null;
	}
	return negative ? -v : v;
}

export interface BigBulkHooks {
	readonly onBigBulk?: (ll: number) => void;
	readonly onBigBulkTaken?: (ll: number) => void;
}

/** One connection's querybuf plus the half-parsed command state (multibulklen, bulklen, argv). */
export class QueryBuffer {
	#buf: Buffer = Buffer.allocUnsafe(INITIAL_CAPACITY);
	#pos = 0; // qb_pos
	#end = 0; // sdslen
	#reqtype: 0 | 'inline' | 'multibulk' = 0;
	#multibulklen = 0;
	#bulklen = -1;
	#argv: string[] = [];
	#argvBytes = 0;
	#failed = false;
	/** The bulk being read starts the buffer (Redis trimmed what came before it). */
	#aligned = false;

	/**
	 * `onBigBulk` hears of a bulk of PROTO_MBULK_BIG_ARG bytes or more that starts the buffer,
	 * `onBigBulkTaken` of its end: Redis reads such a bulk into a buffer of its own size, which then
	 * becomes the argument (query-alloc.ts prices both).
	 */
	readonly #hooks: BigBulkHooks;

	constructor(hooks: BigBulkHooks = {}) {
		this.#hooks = hooks;
	}

	/** The length of the bulk being read, -1 between bulks (c->bulklen). */
	get bulklen(): number {
		return this.#bulklen;
	}

	/** Bytes held for this client: unparsed input plus arguments of the command being read. */
	get bytes(): number {
		return this.#end - this.#pos + this.#argvBytes;
	}

	/** Bytes read but not yet parsed: sdslen(querybuf) once Redis has trimmed what it consumed. */
	get unparsed(): number {
		return this.#end - this.#pos;
	}

	append(chunk: Uint8Array): void {
		if (this.#failed) return;
		const need = this.#end - this.#pos + chunk.length;
		if (this.#end + chunk.length > this.#buf.length) {
			if (need <= this.#buf.length && this.#pos > 0) {
				this.#buf.copyWithin(0, this.#pos, this.#end);
			} else {
				const grown = Buffer.allocUnsafe(Math.max(need, this.#buf.length * 2));
				this.#buf.copy(grown, 0, this.#pos, this.#end);
				this.#buf = grown;
			}
			this.#end -= this.#pos;
			this.#pos = 0;
		}
		this.#buf.set(chunk, this.#end);
		this.#end += chunk.length;
	}

	/** The next complete request, or null when more bytes are needed. After an error, null. */
	next(): Request | null {
		while (!this.#failed) {
			if (this.#pos >= this.#end) {
				this.#release();
				return null;
			}
			if (this.#end - this.#pos + this.#argvBytes > CLIENT_QUERY_BUFFER_LIMIT) {
				this.#failed = true;
				return { overflow: true };
			}
			if (!this.#reqtype) this.#reqtype = this.#buf[this.#pos] === 0x2a ? 'multibulk' : 'inline';
			const r = this.#reqtype === 'inline' ? this.#inline() : this.#multibulk();
			if (r === null) return null;
			if ('error' in r) {
				this.#failed = true;
				return { error: `Protocol error: ${r.error}` };
			}
			this.#reqtype = 0;
			if (r.argv.length > 0) return r;
		}
		return null;
	}

	/** strchr from qb_pos: the first `byte`, or -1 when a NUL or the end comes first. */
	#find(byte: number): number {
		const b = this.#buf;
		for (let i = this.#pos; i < this.#end; i++) {
			const c = b[i];
			if (c === byte) return i;
			if (c === 0) return -1;
		}
		return -1;
	}

	#inline(): { argv: string[] } | { error: string } | null {
		let newline = this.#find(LF);
		if (newline === -1) {
			return this.#end - this.#pos > PROTO_INLINE_MAX_SIZE
				? { error: 'too big inline request' }
				: null;
		}
		const next = newline + 1;
		if (newline !== this.#pos && this.#buf[newline - 1] === CR) newline--;
		const split = scanArgs(this.#buf.toString('latin1', this.#pos, newline));
		if (!split.ok) return { error: 'unbalanced quotes in request' };
		this.#pos = next;
		return { argv: split.args };
	}

	#multibulk(): { argv: string[] } | { error: string } | null {
		const b = this.#buf;
		if (this.#multibulklen === 0) {
			const newline = this.#find(CR);
			if (newline === -1) {
				return this.#end - this.#pos > PROTO_INLINE_MAX_SIZE
					? { error: 'too big mbulk count string' }
					: null;
			}
			if (newline - this.#pos > this.#end - this.#pos - 2) return null; // the \n is not in yet
			const ll = string2ll(b, this.#pos + 1, newline);
			if (ll === null || ll > INT_MAX) return { error: 'invalid multibulk length' };
			this.#pos = newline + 2;
			if (ll <= 0) return { argv: [] };
			this.#multibulklen = ll;
			this.#argv = [];
		}
		while (this.#multibulklen > 0) {
			if (this.#bulklen === -1) {
				const newline = this.#find(CR);
				if (newline === -1) {
					if (this.#end - this.#pos > PROTO_INLINE_MAX_SIZE)
						return { error: 'too big bulk count string' };
					return null;
				}
				if (newline - this.#pos > this.#end - this.#pos - 2) return null;
				const first = b[this.#pos]!;
				if (first !== 0x24) {
					// addReplyErrorFormat turns CR and LF into spaces to keep the reply one line.
					const got = first === CR || first === LF ? ' ' : String.fromCharCode(first);
					return { error: `expected '$', got '${got}'` };
				}
				const ll = string2ll(b, this.#pos + 1, newline);
				if (ll === null || ll < 0 || ll > PROTO_MAX_BULK_LEN)
					return { error: 'invalid bulk length' };
				this.#pos = newline + 2;
				this.#bulklen = ll;
				this.#aligned = ll >= BIG_ARG && this.#end - this.#pos <= ll + 2;
				if (this.#aligned) this.#hooks.onBigBulk?.(ll);
			}
			if (this.#end - this.#pos < this.#bulklen + 2) return null;
			this.#argv.push(b.toString('latin1', this.#pos, this.#pos + this.#bulklen));
			this.#argvBytes += this.#bulklen;
			this.#pos += this.#bulklen + 2;
			if (this.#aligned) this.#hooks.onBigBulkTaken?.(this.#bulklen);
			this.#aligned = false;
			this.#bulklen = -1;
			this.#multibulklen--;
		}
		const argv = this.#argv;
		this.#argv = [];
		this.#argvBytes = 0;
		return { argv };
	}

	/** An emptied buffer starts over at 0; one grown by a big argument goes back to 16 KB. */
	#release(): void {
		this.#pos = this.#end = 0;
		if (this.#buf.length > 4 * INITIAL_CAPACITY) this.#buf = Buffer.allocUnsafe(INITIAL_CAPACITY);
	}
}
