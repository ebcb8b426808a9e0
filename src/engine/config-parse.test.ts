import { describe, expect, it } from 'vitest';
import {
	SPECIAL_PARSERS,
	memtoull,
	parseBool,
	parseEnum,
	parseNumeric,
	validateHostname,
	validateProcTitle,
} from './config-parse.ts';

const ok = (value: string) => ({ ok: true, value });
const no = (reason: string) => ({ ok: false, reason });
const special = (name: string, raw: string, current = '') => SPECIAL_PARSERS[name]!(raw, current);

describe('config value parsers', () => {
	it('yesnotoi: yes or no, any case', () => {
		expect(parseBool('YES')).toEqual(ok('yes'));
		expect(parseBool('1')).toEqual(no("argument must be 'yes' or 'no'"));
	});

	it('memtoull: digits and a unit; strtoull saturates, the unit wraps', () => {
		expect(memtoull('1kb')).toBe(1024n);
		expect(memtoull('1K')).toBe(1000n);
		expect(memtoull('')).toBe(0n);
		expect(memtoull('gb')).toBe(0n);
		for (const bad of ['-1', '+1', '1.5', '1tb', ' 1']) expect(memtoull(bad), bad).toBeNull();
		expect(memtoull('99999999999999999999')).toBe(2n ** 64n - 1n);
		expect(memtoull('18446744073709551615k')).toBe(((2n ** 64n - 1n) * 1000n) % 2n ** 64n);
	});

	it('numeric: string2ll, bounds, memory wrap-around, percentages, clamping', () => {
		const int = { min: 0n, max: 100n };
		expect(parseNumeric('05', int)).toEqual(no("argument couldn't be parsed into an integer"));
		expect(parseNumeric('101', int)).toEqual(no('argument must be between 0 and 100 inclusive'));
		const mem = { min: 1n, max: 2n ** 63n - 1n, memory: true };
		expect(parseNumeric('2mb', mem)).toEqual(ok('2097152'));
		expect(parseNumeric('x', mem)).toEqual(no('argument must be a memory value'));
		expect(parseNumeric('9223372036854775808', mem)).toEqual(
			no('argument must be between 1 and 9223372036854775807 inclusive'),
		);
		const pct = { min: -100n, max: 2n ** 63n - 1n, memory: true, percent: true };
		expect(parseNumeric('5%', pct)).toEqual(ok('5%'));
		expect(parseNumeric('101%', pct)).toEqual(
			no('percentage argument must be less or equal to 100'),
		);
		expect(parseNumeric('-5%', pct)).toEqual(no('argument must be a memory or percent value'));
		expect(parseNumeric('0', { min: 0n, max: 1000n, clamp: [1n, 500n] })).toEqual(ok('1'));
	});

	it('enums list every accepted name in the error', () => {
		expect(parseEnum('NO', ['yes', 'no'])).toEqual(ok('no'));
		expect(parseEnum('x', ['yes', 'no'])).toEqual(
			no('argument(s) must be one of the following: yes, no'),
		);
	});

	it('save: pairs of seconds ≥ 1 and changes ≥ 0, or nothing', () => {
		expect(special('save', '')).toEqual(ok(''));
		expect(special('save', '900 1 300 10')).toEqual(ok('900 1 300 10'));
		for (const bad of ['900', '0 1', '900 -1', '900 x', '900  1'])
			expect(special('save', bad), bad).toEqual(no('Invalid save parameters'));
	});

	it('client-output-buffer-limit changes only the classes named', () => {
		const now = 'normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60';
		expect(special('client-output-buffer-limit', 'replica 1mb 2 3', now)).toEqual(
			ok('normal 0 0 0 slave 1048576 2 3 pubsub 33554432 8388608 60'),
		);
		expect(special('client-output-buffer-limit', 'master 1 2 3', now)).toEqual(
			no('Invalid client class specified in buffer limit configuration.'),
		);
	});

	it('notify-keyspace-events prints its flags in canonical order', () => {
		expect(special('notify-keyspace-events', 'nmEKdtexzhsl$g')).toEqual(ok('AKEm'));
		expect(special('notify-keyspace-events', 'Ex$')).toEqual(ok('$xE'));
		expect(special('notify-keyspace-events', 'q')).toEqual(
			no("Invalid event class character. Use 'Ag$lshzxeKEtmdn'."),
		);
	});

	it('shutdown flags, percentiles, oom values, bind', () => {
		expect(special('shutdown-on-sigint', 'FORCE now')).toEqual(ok('now force'));
		expect(special('shutdown-on-sigint', 'default')).toEqual(ok('default'));
		expect(special('shutdown-on-sigint', 'save nosave').ok).toBe(false);
		expect(special('latency-tracking-info-percentiles', '50 1e2 0x10 99.90')).toEqual(
			ok('50 100 16 99.9'),
		);
		expect(special('oom-score-adj-values', '0 200 2001').ok).toBe(false);
		expect(special('bind', Array(17).fill('a').join(' '))).toEqual(
			no('Too many bind addresses specified.'),
		);
	});

	it('validators for hostnames and process titles', () => {
		expect(validateHostname('a.b-c')).toBeNull();
		expect(validateHostname('a_b')).not.toBeNull();
		expect(validateProcTitle('{title} {port}')).toBeNull();
		expect(validateProcTitle('{title}')).not.toBeNull();
		expect(validateProcTitle('{nosuch}')).not.toBeNull();
		expect(validateProcTitle('{{x}}')).toBeNull();
	});
});
