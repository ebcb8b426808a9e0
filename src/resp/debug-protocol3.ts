// The RESP3 framing of DEBUG PROTOCOL's replies (src/debug.c), for a connection after HELLO 3, where
// a Reply has no kind for it: a big number, and the attribute or push frame that comes before the
// real reply. Booleans and verbatim text carry their own hint (encode.ts).
import type { Reply } from '../engine/index.ts';
import { encodeReply } from './encode.ts';

/** The RESP3 bytes for DEBUG PROTOCOL `type`, or null where the plain encoding is already right. */
export function debugProtocol3(type: string, reply: Reply): string | null {
	if (reply.type === 'error') return null;
	// The big number's digits and the verbatim text are the RESP2 bulk's.
	const text = reply.type === 'bulk' ? (reply.value ?? '') : '';
	switch (type.toLowerCase()) {
		case 'bignum':
			return `(${text}\r\n`;
		case 'attrib':
			return (
				'|1\r\n$14\r\nkey-popularity\r\n*2\r\n$7\r\nkey:123\r\n:90\r\n' + encodeReply(reply, 3)
			);
		case 'push':
			return '>2\r\n$16\r\nserver-cpu-usage\r\n:42\r\n' + encodeReply(reply, 3);
		default:
			return null;
	}
}
