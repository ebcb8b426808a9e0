import { describe, expect, it } from 'vitest';
import {
	checkSigned,
	checkUnsigned,
	countBits,
	findBit,
	fromBytes,
	getBit,
	getSignedBitfield,
	getUnsignedBitfield,
	setBitfield,
	toBytes,
	type Overflow,
} from './bits.ts';

/** The bits of a binary string as '0'/'1' characters, top bit of byte 0 first. */
const bitsOf = (s: string) =>
	[...s].map((c) => c.charCodeAt(0).toString(2).padStart(8, '0')).join('');

const SAMPLE = 'fo\u0000\u00ffob\u0080\u0001';

describe('countBits and findBit', () => {
	it('agree with a bit-by-bit count over every range of a sample', () => {
		const bits = bitsOf(SAMPLE);
		for (let from = 0; from < bits.length; from++)
			for (let to = from; to < bits.length; to++) {
				const slice = bits.slice(from, to + 1);
				expect(countBits(SAMPLE, from, to)).toBe(slice.split('1').length - 1);
				for (const bit of [0, 1] as const) {
					const at = slice.indexOf(String(bit));
					expect(findBit(SAMPLE, bit, from, to)).toBe(at === -1 ? -1 : from + at);
				}
			}
	});

	it('count nothing in an empty range', () => {
		expect(countBits('\u00ff', 5, 4)).toBe(0);
	});

	it('getBit reads zeros past the end', () => {
		expect(getBit('\u0080', 0)).toBe(1);
		expect(getBit('\u0080', 1)).toBe(0);
		expect(getBit('\u0080', 8)).toBe(0);
		expect(getBit('\u0001', 7)).toBe(1);
	});
});

describe('bitfields', () => {
	it('read most significant bit first, across byte boundaries, zeros past the end', () => {
		const bytes = toBytes('\u00ab\u00cd');
		expect(getUnsignedBitfield(bytes, 0, 16)).toBe(0xabcdn);
		expect(getUnsignedBitfield(bytes, 4, 8)).toBe(0xbcn);
		expect(getUnsignedBitfield(bytes, 12, 8)).toBe(0xd0n);
		expect(getSignedBitfield(bytes, 0, 8)).toBe(-85n);
		expect(getSignedBitfield(bytes, 1, 3)).toBe(2n);
		expect(getUnsignedBitfield(bytes, 100, 63)).toBe(0n);
	});

	it('write the low bits of a value and leave the neighbours alone', () => {
		const bytes = toBytes('\u00ff\u00ff\u00ff');
		setBitfield(bytes, 4, 8, 0x1a5n);
		expect(fromBytes(bytes)).toBe('\u00fa\u005f\u00ff');
		expect(bitsOf(fromBytes(bytes))).toBe('111110100101111111111111');
		setBitfield(bytes, 0, 24, -1n);
		expect(fromBytes(bytes)).toBe('\u00ff\u00ff\u00ff');
	});

	it('fromBytes and toBytes round-trip every byte value, and long strings', () => {
		const all = Uint8Array.from({ length: 256 }, (_, i) => i);
		expect(toBytes(fromBytes(all))).toEqual(all);
		const long = new Uint8Array(20_000).fill(0x80);
		expect(fromBytes(long)).toBe('\u0080'.repeat(20_000));
		expect(toBytes('ab', 4)).toEqual(Uint8Array.from([97, 98, 0, 0]));
	});
});

/** What each overflow mode should give for `value + incr` in a small width, worked out directly. */
function expected(signed: boolean, bits: number, sum: bigint, ow: Overflow) {
	const min = signed ? -(1n << BigInt(bits - 1)) : 0n;
	const max = signed ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n;
	if (sum >= min && sum <= max) return { overflow: false, value: sum };
	if (ow === 'sat') return { overflow: true, value: sum > max ? max : min };
	const span = 1n << BigInt(bits);
	const wrapped = ((((sum - min) % span) + span) % span) + min;
	return { overflow: true, value: ow === 'wrap' ? wrapped : undefined };
}

describe('overflow checks', () => {
	it('match wrap and saturate arithmetic for every value and a range of increments (1–6 bits)', () => {
		const wrong: string[] = [];
		for (const signed of [false, true])
			for (let bits = 1; bits <= 6; bits++) {
				const lo = signed ? -(1 << (bits - 1)) : 0;
				const hi = signed ? (1 << (bits - 1)) - 1 : (1 << bits) - 1;
				for (let v = lo; v <= hi; v++)
					for (let incr = -70; incr <= 70; incr++)
						for (const ow of ['wrap', 'sat', 'fail'] as const) {
							const check = signed ? checkSigned : checkUnsigned;
							const got = check(BigInt(v), BigInt(incr), bits, ow);
							const want = expected(signed, bits, BigInt(v + incr), ow);
							if (
								got.overflow !== want.overflow ||
								(want.value !== undefined && got.value !== want.value)
							)
								wrong.push(`${signed ? 'i' : 'u'}${bits} ${ow} ${v}+${incr} → ${got.value}`);
						}
			}
		expect(wrong).toEqual([]);
	});

	it('treat a negative SET value as a huge unsigned one, as the C casts do', () => {
		expect(checkUnsigned(-1n, 0n, 8, 'wrap')).toEqual({ overflow: true, value: 255n });
		expect(checkUnsigned(-1n, 0n, 8, 'sat')).toEqual({ overflow: true, value: 255n });
		expect(checkUnsigned(256n, 0n, 8, 'wrap')).toEqual({ overflow: true, value: 0n });
	});

	it('handle i64 sums that leave int64', () => {
		const max = 2n ** 63n - 1n;
		const min = -(2n ** 63n);
		expect(checkSigned(max, 1n, 64, 'wrap')).toEqual({ overflow: true, value: min });
		expect(checkSigned(max, max, 64, 'sat')).toEqual({ overflow: true, value: max });
		expect(checkSigned(min, -1n, 64, 'wrap')).toEqual({ overflow: true, value: max });
		expect(checkSigned(min, min, 64, 'sat')).toEqual({ overflow: true, value: min });
		expect(checkSigned(-5n, max, 64, 'fail')).toEqual({ overflow: false, value: max - 5n });
	});
});
