import { describe, expect, it } from 'vitest';
import { monitorLine } from './hub.ts';

describe('monitorLine (replicationFeedMonitors)', () => {
	it('stamps seconds and microseconds, the db and the address, and quotes like sdscatrepr', () => {
		expect(
			monitorLine(1_700_000_000_123_456, 0, '127.0.0.1:5000', ['SET', 'k', 'a "b"\n\x01']),
		).toBe('+1700000000.123456 [0 127.0.0.1:5000] "SET" "k" "a \\"b\\"\\n\\x01"\r\n');
		expect(monitorLine(1_700_000_000_000_007, 3, 'lua', ['PING'])).toBe(
			'+1700000000.000007 [3 lua] "PING"\r\n',
		);
	});

	it('redacts AUTH and HELLO AUTH secrets', () => {
		expect(monitorLine(0, 0, 'a', ['auth', 'user', 'pw'])).toContain(
			'"auth" "(redacted)" "(redacted)"',
		);
		expect(monitorLine(0, 0, 'a', ['HELLO', '3', 'SETNAME', 'auth', 'AUTH', 'u', 'p'])).toContain(
			'"HELLO" "3" "SETNAME" "auth" "AUTH" "(redacted)" "(redacted)"',
		);
	});
});
