import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock.ts';
import { DEFAULT_CONFIG } from '../config.ts';
import { Random } from '../random.ts';
import { Server } from '../server.ts';
import {
	OBJ_EX,
	OBJ_EXAT,
	OBJ_KEEPTTL,
	OBJ_PERSIST,
	OBJ_PX,
	OBJ_PXAT,
	OBJ_SET_GET,
	OBJ_SET_NX,
	getExpireMilliseconds,
	parseStringArgs,
} from './set-options.ts';

const SYNTAX = { type: 'error', value: 'ERR syntax error' };
const set = (...opts: string[]) => parseStringArgs(['SET', 'k', 'v', ...opts], 3, 'set');
const getex = (...opts: string[]) => parseStringArgs(['GETEX', 'k', ...opts], 2, 'get');

describe('parseStringArgs (SET)', () => {
	it('refuses each conflicting pair, in either order', () => {
		const conflicts = [
			'NX XX',
			'XX NX',
			'EX 1 PX 1',
			'PX 1 EX 1',
			'EX 1 EXAT 1',
			'EXAT 1 EX 1',
			'PX 1 PXAT 1',
			'PXAT 1 PX 1',
			'EXAT 1 PXAT 1',
			'PXAT 1 EXAT 1',
			'EX 1 KEEPTTL',
			'KEEPTTL EX 1',
			'PXAT 1 KEEPTTL',
			'KEEPTTL PXAT 1',
		];
		for (const opts of conflicts) expect(set(...opts.split(' ')), opts).toEqual(SYNTAX);
	});

	it('accepts repeats; the last expire value wins', () => {
		expect(set('nx', 'NX', 'get', 'GET')).toEqual({
			flags: OBJ_SET_NX | OBJ_SET_GET,
			expire: null,
			unit: 'seconds',
		});
		expect(set('EX', '10', 'ex', '20')).toEqual({ flags: OBJ_EX, expire: '20', unit: 'seconds' });
		expect(set('KEEPTTL', 'keepttl')).toMatchObject({ flags: OBJ_KEEPTTL });
		expect(set('px', '5')).toEqual({ flags: OBJ_PX, expire: '5', unit: 'milliseconds' });
	});

	it('refuses unknown tokens, a missing value, and GETEX-only PERSIST', () => {
		for (const opts of [['FOO'], ['EX'], ['PERSIST'], [''], ['NXX'], ['EX', '1', 'FOO']])
			expect(set(...opts), opts.join(' ')).toEqual(SYNTAX);
	});

	it('compares tokens as C strings (up to the first NUL)', () => {
		expect(set('NX\u0000junk')).toMatchObject({ flags: OBJ_SET_NX });
		expect(set('KEEPTTL\u0000')).toMatchObject({ flags: OBJ_KEEPTTL });
		expect(set('\u0000NX')).toEqual(SYNTAX);
	});
});

describe('parseStringArgs (GETEX)', () => {
	it('takes one kind of expire option or PERSIST, repeated at will', () => {
		expect(getex()).toEqual({ flags: 0, expire: null, unit: 'seconds' });
		expect(getex('PERSIST', 'persist')).toMatchObject({ flags: OBJ_PERSIST });
		expect(getex('EXAT', '1', 'EXAT', '2')).toEqual({
			flags: OBJ_EXAT,
			expire: '2',
			unit: 'seconds',
		});
		for (const opts of [
			['NX'],
			['XX'],
			['GET'],
			['KEEPTTL'],
			['PERSIST', 'EX', '1'],
			['EX', '1', 'PERSIST'],
			['EX', '1', 'PX', '1'],
			['PX'],
		])
			expect(getex(...opts), opts.join(' ')).toEqual(SYNTAX);
	});
});

describe('getExpireMilliseconds', () => {
	const server = new Server(new VirtualClock(1_000_000), { ...DEFAULT_CONFIG }, new Random(1));
	const ms = (value: string, flags: number, unit: 'seconds' | 'milliseconds') =>
		getExpireMilliseconds(server, value, flags, unit, 'set');
	const invalid = { type: 'error', value: "ERR invalid expire time in 'set' command" };
	const notInt = { type: 'error', value: 'ERR value is not an integer or out of range' };

	it('turns relative times into absolute ones and keeps absolute ones', () => {
		expect(ms('10', OBJ_EX, 'seconds')).toBe(1_010_000);
		expect(ms('10', OBJ_PX, 'milliseconds')).toBe(1_000_010);
		expect(ms('1', OBJ_EXAT, 'seconds')).toBe(1000);
	});

	it('reads short and long arguments alike (the short ones skip 64-bit arithmetic)', () => {
		expect(ms('999999999999', OBJ_EX, 'seconds')).toBe(999_999_999_999_000 + 1_000_000);
		expect(ms('1000000000000', OBJ_EX, 'seconds')).toBe(1_000_000_000_000_000 + 1_000_000);
		expect(ms('999999999999', OBJ_PXAT, 'milliseconds')).toBe(999_999_999_999);
		expect(ms('9007199254740000', OBJ_PX, 'milliseconds')).toBe(9_007_199_255_740_000);
		for (const v of ['1a', '-5', '00', '1 ', ''])
			expect(ms(v, OBJ_EX, 'seconds'), v).toEqual(v === '-5' ? invalid : notInt);
	});

	it('refuses non-integers, values ≤ 0 and overflows', () => {
		for (const v of ['abc', '1.5', ' 1', '+1', '01', '9223372036854775808'])
			expect(ms(v, OBJ_EX, 'seconds'), v).toEqual(notInt);
		for (const v of ['0', '-1', '9223372036854775', '9223372036854775807'])
			expect(ms(v, OBJ_EX, 'seconds'), v).toEqual(invalid);
		expect(ms('9223372036854775807', OBJ_PX, 'milliseconds')).toEqual(invalid);
		expect(ms('9223372036854775807', OBJ_EXAT, 'milliseconds')).toBeTypeOf('number');
		expect(ms('9223372036854774', OBJ_EXAT, 'seconds')).toBeTypeOf('number');
	});
});
