import { describe, expect, it } from 'vitest';
import { createEngine, type Reply } from '../engine/index.ts';
import { helpNotes } from './help-notes.ts';

/** Runs lines on a fresh engine and returns the last reply. */
function last(...lines: string[][]): Reply {
	const engine = createEngine();
	try {
		let reply: Reply = { type: 'status', value: '' };
		for (const argv of lines) reply = engine.exec(argv);
		return reply;
	} finally {
		engine.dispose();
	}
}

describe('help notes for bits and SORT say what the engine does', () => {
	it('SETBIT: bit 7 of a new key is "\\x01", padding is zero bytes', () => {
		expect(helpNotes('setbit').join(' ')).toMatch(/SETBIT k 7 1 on a new key makes "\\x01"/);
		expect(last(['SETBIT', 'k', '7', '1'], ['GET', 'k'])).toEqual({ type: 'bulk', value: '\x01' });
		expect(last(['SETBIT', 'k', '17', '1'], ['GET', 'k'])).toEqual({
			type: 'bulk',
			value: '\x00\x00\x40',
		});
	});

	it('BITPOS: 0 in ones is the bit past the end, or -1 with an explicit end', () => {
		expect(helpNotes('BITPOS').join(' ')).toMatch(/first bit past its end, unless an end/);
		expect(last(['SET', 'k', '\xff'], ['BITPOS', 'k', '0'])).toEqual({ type: 'integer', value: 8 });
		expect(last(['SET', 'k', '\xff'], ['BITPOS', 'k', '0', '0', '-1'])).toEqual({
			type: 'integer',
			value: -1,
		});
	});

	it('BITFIELD: #2 with u8 is bit 16; FAIL replies nil', () => {
		expect(helpNotes('BITFIELD').join(' ')).toMatch(/#2 with u8 is bit 16/);
		expect(last(['SETBIT', 'k', '16', '1'], ['BITFIELD', 'k', 'GET', 'u8', '#2'])).toEqual({
			type: 'array',
			value: [{ type: 'integer', value: 128 }],
		});
		expect(last(['BITFIELD', 'k', 'OVERFLOW', 'FAIL', 'INCRBY', 'u2', '0', '4'])).toEqual({
			type: 'array',
			value: [{ type: 'bulk', value: null }],
		});
	});

	it('SORT: words need ALPHA', () => {
		const notes = helpNotes('SORT').join(' ');
		const words = ['RPUSH', 'l', 'b', 'a'];
		const failure = last(words, ['SORT', 'l']);
		expect(failure.type).toBe('error');
		expect(notes).toContain((failure.value as string).replace(/^ERR /, ''));
		expect(last(words, ['SORT', 'l', 'ALPHA'])).toEqual({
			type: 'array',
			value: [
				{ type: 'bulk', value: 'a' },
				{ type: 'bulk', value: 'b' },
			],
		});
	});
});
