import { describe, expect, it } from 'vitest';
import { setAllocBytes, setUsageBytes } from './memory-set.ts';
import { SET_MAX_INTSET_ENTRIES, SetMembers, intWidth } from './set-members.ts';

describe('intWidth (string2ll + intsetValueEncoding)', () => {
	it('accepts only canonical int64 decimals, sized 2, 4 or 8 bytes', () => {
		expect(['0', '1', '-1', '32767', '-32768'].map(intWidth)).toEqual([2, 2, 2, 2, 2]);
		expect(['32768', '-32769', '2147483647', '-2147483648'].map(intWidth)).toEqual([4, 4, 4, 4]);
		expect(['2147483648', '9223372036854775807', '-9223372036854775808'].map(intWidth)).toEqual([
			8, 8, 8,
		]);
		const refused = ['', '-', '+1', '01', '-0', ' 1', '1 ', '1.0', '0x1', '9223372036854775808'];
		expect(refused.map(intWidth)).toEqual(refused.map(() => 0));
	});
});

describe('SetMembers', () => {
	it('keeps an intset ascending by value (past 2^53 too) and widens, never narrows', () => {
		const s = new SetMembers();
		for (const m of ['10', '-3', '9007199254740993', '9007199254740992', '2']) s.add(m);
		expect(s.ordered()).toEqual(['-3', '2', '10', '9007199254740992', '9007199254740993']);
		expect(s.width).toBe(8);
		s.delete('9007199254740992');
		s.delete('9007199254740993');
		expect(s.width).toBe(8);
		expect(s.isDict).toBe(false);
	});

	it('becomes a presized dict on a non-integer member or past set-max-intset-entries', () => {
		const s = new SetMembers();
		for (let i = 0; i < SET_MAX_INTSET_ENTRIES; i++) s.add(String(i));
		expect(s.isDict).toBe(false);
		s.add('512');
		expect([s.isDict, s.slots, s.oldSlots]).toEqual([true, 1024, 0]);
		const t = new SetMembers();
		t.add('1');
		t.add('x');
		expect([t.isDict, t.slots]).toEqual([true, 4]);
	});

	it('grows a dict with a rehash that later adds and lookups finish', () => {
		const s = new SetMembers();
		s.toDict();
		for (let i = 0; i < 5; i++) s.add(`m${i}`);
		expect([s.slots, s.oldSlots]).toEqual([8, 4]);
		while (s.rehashLeft > 0) s.has('m0');
		expect([s.slots, s.oldSlots]).toEqual([8, 0]);
	});

	it('shrinks a dict below 10 % full, as setTypeRemove asks dictResize to', () => {
		const s = new SetMembers();
		s.toDict();
		for (let i = 0; i < 100; i++) s.add(`m${i}`);
		while (s.rehashLeft > 0) s.has('m0');
		expect(s.slots).toBe(128);
		for (let i = 0; i < 87; i++) s.delete(`m${i}`);
		expect([s.size, s.slots]).toEqual([13, 128]);
		s.delete('m87');
		expect([s.size, s.slots, s.oldSlots]).toEqual([12, 16, 128]);
	});

	it('clones an intset as it is and a dict presized, without a rehash in progress', () => {
		const s = new SetMembers();
		s.toDict();
		for (let i = 0; i < 5; i++) s.add(`m${i}`);
		const c = s.clone();
		expect([...c.members]).toEqual([...s.members]);
		expect([c.slots, c.oldSlots, c.rehashLeft, c.sdsSum]).toEqual([8, 0, 0, s.sdsSum]);
		c.add('extra');
		expect(s.has('extra')).toBe(false);
	});
});

describe('memory-set', () => {
	it('prices an intset as robj + its blob in a jemalloc class', () => {
		const s = new SetMembers();
		for (const m of ['1', '2', '3']) s.add(m);
		// 16 (robj) + je(8 + 3 × 2 = 14) = 16 + 16
		expect(setUsageBytes(s)).toBe(32);
		expect(setAllocBytes(s)).toBe(32);
	});

	it('prices a dict from its table, entries and member sds (MEMORY USAGE unrounded)', () => {
		const s = new SetMembers();
		s.toDict();
		s.add('a');
		// usage: 16 + 56 + 4 slots × 8 + (24 + 8) × 1; alloc: 16 + 64 + 32 + 32 + 8
		expect(setUsageBytes(s)).toBe(136);
		expect(setAllocBytes(s)).toBe(152);
	});
});
