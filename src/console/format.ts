// Reply display as redis-cli 7.0 prints it: `cliFormatReplyTTY` (interactive), `cliFormatReplyRaw`
// (--raw / piped), sds.c `sdscatrepr` (quoted bulks) and the raw-output command list of `cliSendCommand`.
import type { Reply } from '../engine/index.ts';

export interface FormatOptions {
	/** Print verbatim, as redis-cli does for INFO, CLIENT LIST… (see isRawOutputCommand). */
	readonly raw?: boolean;
	/** Use RESP3 framing (`(double)`, `1#` maps, `1~` sets). Off: the console speaks RESP2. */
	readonly resp3?: boolean;
}

const C_ESCAPES: Readonly<Record<string, string>> = {
	'\n': '\\n',
	'\r': '\\r',
	'\t': '\\t',
	'\x07': '\\a',
	'\b': '\\b',
};

/** How sdscatrepr writes an unprintable byte: its C escape, else `\xhh`. */
export function escapeByte(c: string): string {
	return C_ESCAPES[c] ?? '\\x' + (c.charCodeAt(0) & 0xff).toString(16).padStart(2, '0');
}

/** sdscatrepr: a byte string in double quotes, C escapes, `\xhh` for bytes outside 0x20–0x7e. */
export function repr(bytes: string): string {
	let out = '"';
	for (let i = 0; i < bytes.length; i++) {
		const c = bytes.charAt(i);
		const code = bytes.charCodeAt(i) & 0xff;
		if (c === '\\' || c === '"') out += '\\' + c;
		else if (code >= 0x20 && code <= 0x7e) out += c;
		else out += escapeByte(c);
	}
	return out + '"';
}

/** What redis-cli writes to stdout for one reply in a terminal, trailing newline included.
 * Returns a binary string (statuses and errors may hold any bytes). */
export function formatReply(reply: Reply, opts: FormatOptions = {}): string {
	return opts.raw ? formatReplyRaw(reply) : formatTTY(reply, '', opts.resp3 === true);
}

/** What redis-cli writes for one reply in --raw mode (the default when stdout is not a tty). */
export function formatRaw(reply: Reply): string {
	return formatReplyRaw(reply) + '\n';
}

/** cliFormatReplyTTY. `prefix` indents the lines after the first of a nested aggregate. */
function formatTTY(r: Reply, prefix: string, resp3: boolean): string {
	switch (r.type) {
		case 'error':
			return `(error) ${r.value}\n`;
		case 'status':
			return r.value + '\n';
		case 'integer':
			if (resp3 && r.resp3 === 'bool') return r.value ? '(true)\n' : '(false)\n';
			return `(integer) ${r.value.toString()}\n`;
		case 'double':
			return resp3 ? `(double) ${r.value}\n` : repr(r.value) + '\n'; // RESP2 sends a bulk
		case 'bulk':
			if (r.value === null) return '(nil)\n';
			// hiredis hands redis-cli a verbatim string without its `txt:` and it prints it as is.
			return resp3 && r.resp3 === 'verbatim' ? r.value + '\n' : repr(r.value) + '\n';
		case 'array':
			return formatAggregate(r.value, resp3 ? r.resp3 : undefined, prefix, resp3);
	}
}

function formatAggregate(
	items: readonly Reply[] | null,
	kind: 'map' | 'set' | undefined,
	prefix: string,
	resp3: boolean,
): string {
	if (items === null) return '(nil)\n'; // hiredis turns *-1 into a nil reply
	if (items.length === 0) {
		return kind === 'map' ? '(empty hash)\n' : kind === 'set' ? '(empty set)\n' : '(empty array)\n';
	}
	const count = kind === 'map' ? Math.floor(items.length / 2) : items.length;
	const width = String(count).length;
	const inner = prefix + ' '.repeat(width + 2);
	const sep = kind === 'map' ? '#' : kind === 'set' ? '~' : ')';
	let out = '';
	for (let i = 0; i < items.length; i++) {
		const index = (kind === 'map' ? Math.floor(i / 2) : i) + 1;
		out += `${i === 0 ? '' : prefix}${String(index).padStart(width)}${sep} `;
		out += formatTTY(items[i] as Reply, inner, resp3);
		if (kind === 'map') {
			i++;
			const value = items[i];
			out = out.slice(0, -1) + ' => ';
			out += value === undefined ? '' : formatTTY(value, inner, resp3);
		}
	}
	return out;
}

/** cliFormatReplyRaw: bulks and statuses as-is, errors plus a newline, nil as nothing,
 * array elements separated by redis-cli's default multi-bulk delimiter `\n`. */
function formatReplyRaw(r: Reply): string {
	switch (r.type) {
		case 'error':
			return r.value + '\n';
		case 'status':
		case 'double':
			return r.value;
		case 'integer':
			return r.value.toString();
		case 'bulk':
			return r.value ?? '';
		case 'array':
			return (r.value ?? []).map(formatReplyRaw).join('\n');
	}
}

const lower = (s: string | undefined): string => (s ?? '').toLowerCase();

/** True for the commands redis-cli prints verbatim even in a terminal (`output_raw` in
 * cliSendCommand): INFO, LOLWUT, CLIENT LIST/INFO, MEMORY DOCTOR/MALLOC-STATS, LATENCY DOCTOR/
 * GRAPH, CLUSTER NODES/INFO, DEBUG HTSTATS/HTSTATS-KEY/CLIENT-EVICTION, PROXY INFO. */
export function isRawOutputCommand(argv: readonly string[]): boolean {
	const [cmd, sub] = [lower(argv[0]), lower(argv[1])];
	const n = argv.length;
	switch (cmd) {
		case 'info':
		case 'lolwut':
			return true;
		case 'debug':
			return n >= 2 && ['htstats', 'htstats-key', 'client-eviction'].includes(sub);
		case 'memory':
			return n >= 2 && (sub === 'malloc-stats' || sub === 'doctor');
		case 'cluster':
			return n === 2 && (sub === 'nodes' || sub === 'info');
		case 'client':
			return n >= 2 && (sub === 'list' || sub === 'info');
		case 'latency':
			return (n === 3 && sub === 'graph') || (n === 2 && sub === 'doctor');
		case 'proxy':
			return n >= 2 && sub === 'info';
		default:
			return false;
	}
}
