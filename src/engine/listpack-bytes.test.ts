import { describe, expect, it } from 'vitest';
import { listpackBytes } from './listpack-bytes.ts';
import { LP_EMPTY_BYTES, lpElementBytes } from './quicklist.ts';
import { Random } from './random.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** The node size quicklist.ts tracks for these elements. */
const trackedSize = (items: string[]) =>
	items.reduce((sz, s) => sz + lpElementBytes(s), LP_EMPTY_BYTES);

describe('listpack bytes', () => {
	it('writes what 7.0.15 writes for integers of every width, non-canonical numbers and strings', () => {
		// RPUSH of these on a live 7.0.15, then DUMP with rdbcompression off: the node's listpack.
		const items = [
			...['a', '1', '-1', '0', '127', '128', '-4096', '4095', '4096', '32767', '-32768'],
			...['32768', '8388607', '-8388608', '8388608', '2147483647', '-2147483648'],
			...['2147483648', '-2147483649', '9223372036854775807', '-9223372036854775808'],
			...['9223372036854775808', '007', '-0', ''],
		];
		const entries =
			'816102' + // "a": 6-bit string, backlen 2
			'0101' +
			'dfff02' +
			'0001' +
			'7f01' + // 1, -1 (13-bit), 0, 127 (7-bit)
			'c08002' +
			'd00002' +
			'cfff02' + // 128, -4096, 4095: 13-bit
			'f1001003' +
			'f1ff7f03' +
			'f1008003' + // 16-bit
			'f200800004' +
			'f2ffff7f04' +
			'f200008004' + // 24-bit
			'f30000800005' +
			'f3ffffff7f05' +
			'f30000008005' + // 32-bit
			'f4000000800000000009' +
			'f4ffffff7fffffffff09' + // 64-bit
			'f4ffffffffffffff7f09' +
			'f4000000000000008009' +
			'9339323233333732303336383534373735383038' +
			'14' + // past int64: a string
			'8330303704' +
			'822d3003' +
			'8001'; // "007", "-0", ""
		const bytes = listpackBytes(items);
		const total = 6 + entries.length / 2 + 1;
		expect(hex(bytes)).toBe(
			total.toString(16).padStart(2, '0') + '000000' + '1900' + entries + 'ff',
		);
		expect(bytes.length).toBe(trackedSize(items));
	});

	it('switches string headers at 64 and 4096 bytes and backlens at 128', () => {
		const long = listpackBytes(['x'.repeat(63), 'y'.repeat(64), 'z'.repeat(125), 'w'.repeat(126)]);
		expect(hex(long.subarray(6))).toBe(
			'bf' +
				'78'.repeat(63) +
				'40' + // 6-bit length, 64-byte entry
				'e040' +
				'79'.repeat(64) +
				'42' + // 12-bit length
				'e07d' +
				'7a'.repeat(125) +
				'7f' + // a 127-byte entry: the last 1-byte backlen
				'e07e' +
				'77'.repeat(126) +
				'0180' + // 128 bytes: two backlen bytes
				'ff',
		);
		// 4095 bytes: still 12 bits; 5000: the 32-bit length (and a 2-byte backlen of 5005).
		const v = listpackBytes(['v'.repeat(4095)]);
		expect(hex(v.subarray(6, 8))).toBe('efff');
		expect(hex(v.subarray(-3))).toBe('2081ff');
		const q = listpackBytes(['q'.repeat(5000), 'r']);
		expect(hex(q.subarray(0, 16))).toBe('991300000200f0881300007171717171');
		expect(hex(q.subarray(-16))).toBe('71717171717171717171278d817202ff');
	});

	it('writes each element as a byte, whatever the character', () => {
		const b = listpackBytes(['\u00ff\u0000é']);
		expect(hex(b)).toBe('0c000000010083ff00e904ff');
	});

	it('is exactly as long as the size quicklist.ts tracks, for any mix of elements', () => {
		const rng = new Random(11);
		const gens = [
			() => String(rng.int(256) - 128),
			() => String(rng.int(2 ** 31) * (rng.int(2) ? -1 : 1) * rng.int(1 << 20)),
			() => (rng.int(2) ? '-' : '') + String(rng.int(10 ** 9)) + String(rng.int(10 ** 9)),
			() => 'k'.repeat(rng.int(200)),
			() => 'j'.repeat(rng.int(20000)),
			() => String.fromCharCode(...Array.from({ length: rng.int(70) }, () => rng.int(256))),
			() => '0' + String(rng.int(100)),
		];
		for (let round = 0; round < 300; round++) {
			const items = Array.from({ length: rng.int(40) }, () => gens[rng.int(gens.length)]!());
			const bytes = listpackBytes(items);
			expect(bytes.length).toBe(trackedSize(items));
			expect(bytes[bytes.length - 1]).toBe(0xff);
			expect(bytes[0]! | (bytes[1]! << 8) | (bytes[2]! << 16)).toBe(bytes.length);
			expect(bytes[4]! | (bytes[5]! << 8)).toBe(items.length);
		}
	});
});
