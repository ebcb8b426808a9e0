// One reply as one short line, the way redis-cli would print it: what a flow step's trace shows
// beside its command (`(nil)`, `OK`, `(integer) 1`, `"…"`). Arrays are flattened on one line.
import type { Reply } from '../engine/index.ts';

export function replyText(reply: Reply): string {
	switch (reply.type) {
		case 'status':
			return reply.value;
		case 'error':
			return `(error) ${reply.value}`;
		case 'integer':
			return `(integer) ${reply.value}`;
		case 'double':
			return `(double) ${reply.value}`;
		case 'bulk':
			return reply.value === null ? '(nil)' : JSON.stringify(reply.value);
		case 'array':
			if (reply.value === null) return '(nil)';
			if (reply.value.length === 0) return '(empty array)';
			return reply.value.map((r, i) => `${i + 1}) ${replyText(r)}`).join(' ');
	}
}
