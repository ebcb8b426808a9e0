// Mirrors DEBUG PROTOCOL of src/debug.c: one fixed reply of each RESP type, which client libraries
// and Redis's own tests use to check their parsers. Booleans and verbatim text carry their RESP3
// hint (RESP2 sees 1, 0 and a bulk); the framings a Reply has no kind for (big number, attribute,
// push) are added by the RESP server (src/resp/debug-protocol3.ts).
import type { ClientState } from '../client.ts';
import { NIL, ONE, ZERO, array, bulk, error, integer, type Reply } from '../reply.ts';

const PROTOCOL_BIGNUM = '1234567999999999999999999999999999999';
const PROTOCOL_ATTRIB_FOLLOWER = 'Some real reply following the attribute';
const PROTOCOL_PUSH_FOLLOWER = 'Some real reply following the push reply';
const PROTOCOL_VERBATIM = 'This is a verbatim\nstring';

const counting = () => [0, 1, 2].map((n) => integer(n));
const bool = (b: boolean): Reply => ({ type: 'integer', value: b ? 1 : 0, resp3: 'bool' });

export function debugProtocol(client: ClientState, type: string): Reply {
	switch (type.toLowerCase()) {
		case 'string':
			return bulk('Hello World');
		case 'integer':
			return integer(12345);
		case 'double':
			return { type: 'double', value: '3.141' };
		case 'bignum':
			return bulk(PROTOCOL_BIGNUM);
		case 'null':
			return NIL;
		case 'array':
			return array(counting());
		case 'set':
			return array(counting(), 'set');
		case 'map':
			// 0 → false, 1 → true, 2 → false: booleans are integers in RESP2.
			return array([ZERO, bool(false), ONE, bool(true), integer(2), bool(false)], 'map');
		case 'attrib':
			return bulk(PROTOCOL_ATTRIB_FOLLOWER);
		case 'push':
			if (client.resp < 3) return error('ERR RESP2 is not supported by this command');
			return bulk(PROTOCOL_PUSH_FOLLOWER);
		case 'true':
			return bool(true);
		case 'false':
			return bool(false);
		case 'verbatim':
			return { type: 'bulk', value: PROTOCOL_VERBATIM, resp3: 'verbatim' };
		default:
			return error(
				'ERR Wrong protocol type name. Please use one of the following: ' +
					'string|integer|double|bignum|null|array|set|map|attrib|push|verbatim|true|false',
			);
	}
}
