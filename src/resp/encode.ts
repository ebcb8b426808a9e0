// Mirrors the addReply* family of src/networking.c: a Reply in RESP2 or RESP3 framing, as a
// binary string (one char per byte) ready for Buffer.from(s, 'latin1').
import type { Reply } from '../engine/index.ts';

export type Protocol = 2 | 3;

/** Statuses and errors must stay one protocol line (addReplyErrorLength's sanitising). */
const oneLine = (s: string): string =>
	s.includes('\r') || s.includes('\n') ? s.replace(/[\r\n]/g, ' ') : s;

/** addReplyBulk: `$len` then the bytes; nil is `$-1` in RESP2 and `_` in RESP3. */
export function encodeBulk(value: string | null, resp: Protocol): string {
	if (value === null) return resp === 3 ? '_\r\n' : '$-1\r\n';
	return `$${value.length}\r\n${value}\r\n`;
}

/** addReplyVerbatim: RESP3's `=len\r\ntxt:…`; RESP2 falls back to a bulk. */
export function encodeVerbatim(value: string, resp: Protocol): string {
	return resp === 3 ? `=${value.length + 4}\r\ntxt:${value}\r\n` : encodeBulk(value, resp);
}

export function encodeReply(r: Reply, resp: Protocol): string {
	switch (r.type) {
		case 'status':
			return `+${oneLine(r.value)}\r\n`;
		case 'error':
			return `-${oneLine(r.value)}\r\n`;
		case 'integer':
			if (resp === 3 && r.resp3 === 'bool') return r.value ? '#t\r\n' : '#f\r\n';
			return `:${r.value}\r\n`;
		case 'bulk':
			if (resp === 3 && r.resp3 === 'verbatim' && r.value !== null)
				return encodeVerbatim(r.value, resp);
			return encodeBulk(r.value, resp);
		case 'double':
			return resp === 3 ? `,${r.value}\r\n` : encodeBulk(r.value, resp);
		case 'array': {
			const items = r.value;
			if (items === null) return resp === 3 ? '_\r\n' : '*-1\r\n';
			let head: string;
			if (resp === 3 && r.resp3 === 'map') head = `%${items.length >> 1}\r\n`;
			else if (resp === 3 && r.resp3 === 'set') head = `~${items.length}\r\n`;
			else head = `*${items.length}\r\n`;
			let out = head;
			for (const item of items) out += encodeReply(item, resp);
			return out;
		}
	}
}
