import { describe, expect, it } from 'vitest';
import type { Reply } from '../engine/index.ts';
import { encodeReply, encodeVerbatim } from './encode.ts';

const bulk = (value: string | null): Reply => ({ type: 'bulk', value });

describe('encodeReply (addReply*)', () => {
	it('frames RESP2 as Redis does, lengths in bytes', () => {
		expect(encodeReply({ type: 'status', value: 'OK' }, 2)).toBe('+OK\r\n');
		expect(encodeReply({ type: 'error', value: 'ERR x\r\ny' }, 2)).toBe('-ERR x  y\r\n');
		expect(encodeReply({ type: 'integer', value: -5n }, 2)).toBe(':-5\r\n');
		expect(encodeReply(bulk('caf\xc3\xa9'), 2)).toBe('$5\r\ncaf\xc3\xa9\r\n');
		expect(encodeReply(bulk(null), 2)).toBe('$-1\r\n');
		expect(encodeReply({ type: 'array', value: null }, 2)).toBe('*-1\r\n');
		expect(encodeReply({ type: 'double', value: '1.5' }, 2)).toBe('$3\r\n1.5\r\n');
		const map: Reply = { type: 'array', value: [bulk('f'), bulk('v')], resp3: 'map' };
		expect(encodeReply(map, 2)).toBe('*2\r\n$1\r\nf\r\n$1\r\nv\r\n');
	});

	it('frames RESP3 maps, sets, doubles and nulls', () => {
		const map: Reply = { type: 'array', value: [bulk('f'), bulk('v')], resp3: 'map' };
		expect(encodeReply(map, 3)).toBe('%1\r\n$1\r\nf\r\n$1\r\nv\r\n');
		expect(encodeReply({ type: 'array', value: [], resp3: 'set' }, 3)).toBe('~0\r\n');
		expect(encodeReply({ type: 'double', value: 'inf' }, 3)).toBe(',inf\r\n');
		expect(encodeReply(bulk(null), 3)).toBe('_\r\n');
		expect(encodeReply({ type: 'array', value: null }, 3)).toBe('_\r\n');
		expect(encodeReply({ type: 'array', value: [map] }, 3)).toBe(
			'*1\r\n%1\r\n$1\r\nf\r\n$1\r\nv\r\n',
		);
		expect(encodeVerbatim('a\r\n', 3)).toBe('=7\r\ntxt:a\r\n\r\n');
	});
});
