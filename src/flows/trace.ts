// What one flow step did, as data for the timeline: the commands and queries it sent, what came
// back, and how long it took on virtual time.
import type { QueryResult } from '../db/database.ts';
import type { Reply } from '../engine/index.ts';
import type { CacheClient, CacheError } from './cache-client.ts';
import { replyText } from './reply-text.ts';

export type Op =
	| {
			readonly kind: 'redis';
			readonly argv: readonly string[];
			readonly result: string;
			/** The call never got an answer (refused or timed out). */
			readonly linkError?: true;
	  }
	| { readonly kind: 'sql'; readonly sql: string; readonly result: string };

export interface StepTrace {
	readonly ops: readonly Op[];
	readonly latencyMs: number;
}

export const EMPTY_TRACE: StepTrace = { ops: [], latencyMs: 0 };

/** Collects the ops of one step; stops at the first failed call, as the app's code would. */
const NO_OPS: Op[] = [];

export class Tracer {
	readonly ops: Op[];
	latencyMs = 0;
	error: CacheError | null = null;

	constructor(
		private readonly cache: CacheClient,
		private readonly isTracing = true,
	) {
		this.ops = isTracing ? [] : NO_OPS;
	}

	/** One command's reply; null when it failed (the error is kept in `error`). */
	call(argv: readonly string[]): Reply | null {
		if (this.error) return null;
		const r = this.cache.call(argv);
		this.latencyMs += r.latencyMs;
		if (!r.ok) {
			const result = `(error) ${r.error.code}: ${r.error.message}`;
			if (this.isTracing) this.ops.push({ kind: 'redis', argv, result, linkError: true });
			this.error = r.error;
			return null;
		}
		if (this.isTracing) this.ops.push({ kind: 'redis', argv, result: replyText(r.reply) });
		return r.reply;
	}

	query(q: QueryResult): QueryResult {
		this.latencyMs += q.latencyMs;
		if (!this.isTracing) return q;
		const rows = q.rows.length === 1 ? '1 row' : `${q.rows.length} rows`;
		this.ops.push({ kind: 'sql', sql: q.sql, result: q.error ? `ERROR: ${q.error}` : rows });
		return q;
	}

	wait(ms: number): void {
		this.latencyMs += ms;
	}

	trace(): StepTrace {
		return { ops: this.ops, latencyMs: this.latencyMs };
	}
}

/** One op as one line: `GET user:1 → (nil)`, `SELECT * FROM users WHERE id = 1 → 1 row`. */
export function opText(op: Op): string {
	return op.kind === 'redis'
		? `${op.argv.map(quoteArg).join(' ')} → ${op.result}`
		: `${op.sql} → ${op.result}`;
}

function quoteArg(arg: string): string {
	return /^[\w:.-]+$/.test(arg) ? arg : `'${arg}'`;
}
