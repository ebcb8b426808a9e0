// Mirrors a client's static reply buffer in src/networking.c and its resizing in src/server.c
// (clientsCronResizeOutputBuffer): the rbs, rbp and obl fields of CLIENT LIST. serverCron visits
// every client at each 100 ms tick (hz 10, a handful of clients); a visit shrinks a buffer whose
// peak stayed under half its size, grows one that filled up, and forgets the peak every 5 s.
const PROTO_REPLY_CHUNK_BYTES = 16 * 1024;
const PROTO_REPLY_MIN_BYTES = 1024;
const PEAK_RESET_MS = 5000;
const CRON_MS = 100;
/** Visits after which an idle buffer is settled: a shrink, a peak reset (5 s), a shrink. */
const SETTLED_VISITS = 60;

export class ReplyBuffer {
	/** buf_usable_size (rbs). */
	size = PROTO_REPLY_CHUNK_BYTES;
	/** buf_peak (rbp): starts at the full size. */
	peak = PROTO_REPLY_CHUNK_BYTES;
	/** bufpos (obl): reply bytes of the read being processed, not yet written to the socket. */
	pos = 0;
	/** createClient stamps the last reset in seconds, so the first visit resets the peak. */
	#lastReset = -Infinity;
	#nextVisit: number;

	constructor(now: number) {
		this.#nextVisit = Math.floor(now / CRON_MS) * CRON_MS + CRON_MS;
	}

	/** Runs the cron visits due by `now` (replies are written out between reads: bufpos is 0). */
	catchUp(now: number): void {
		let visits = 0;
		for (; this.#nextVisit <= now; this.#nextVisit += CRON_MS) {
			// Past a shrink and a peak reset an idle buffer only repeats itself every PEAK_RESET_MS:
			// whole periods are skipped, so a connection idle for a day catches up in a few steps.
			if (++visits > SETTLED_VISITS) {
				const skip = Math.floor((now - this.#nextVisit) / PEAK_RESET_MS) * PEAK_RESET_MS;
				this.#nextVisit += skip;
				this.#lastReset += skip;
			}
			if (this.size / 2 >= PROTO_REPLY_MIN_BYTES && this.peak < this.size / 2)
				this.size = Math.max(PROTO_REPLY_MIN_BYTES, this.peak + 1);
			else if (this.size * 2 < PROTO_REPLY_CHUNK_BYTES * 2 && this.peak === this.size)
				this.size = Math.min(PROTO_REPLY_CHUNK_BYTES, this.size * 2);
			if (this.#nextVisit - this.#lastReset >= PEAK_RESET_MS) {
				this.peak = 0;
				this.#lastReset = this.#nextVisit;
			}
		}
	}

	/** _addReplyToBuffer: what fits goes to the buffer (the rest to the reply list). */
	add(bytes: number): void {
		this.pos = Math.min(this.size, this.pos + bytes);
		if (this.pos > this.peak) this.peak = this.pos;
	}

	/** writeToClient emptied the buffer. */
	written(): void {
		this.pos = 0;
	}
}
