import { describe, expect, it } from 'vitest';
import { pairsInResp3 } from './resp3-pairs.ts';

describe('pairsInResp3', () => {
	it('pairs WITHSCORES replies, counted pops and random picks with values', () => {
		expect(pairsInResp3(['ZRANGE', 'z', '0', '-1', 'WITHSCORES'])).toBe(true);
		expect(pairsInResp3(['zrevrangebyscore', 'z', '+inf', '-inf', 'withscores'])).toBe(true);
		expect(pairsInResp3(['ZUNION', '2', 'a', 'b', 'WITHSCORES'])).toBe(true);
		expect(pairsInResp3(['ZRANDMEMBER', 'z', '3', 'WITHSCORES'])).toBe(true);
		expect(pairsInResp3(['HRANDFIELD', 'h', '3', 'WITHVALUES'])).toBe(true);
		expect(pairsInResp3(['ZPOPMIN', 'z', '2'])).toBe(true);
	});

	it('leaves flat what Redis sends flat', () => {
		expect(pairsInResp3(['ZRANGE', 'z', '0', '-1'])).toBe(false);
		expect(pairsInResp3(['ZPOPMIN', 'z'])).toBe(false);
		expect(pairsInResp3(['ZRANDMEMBER', 'z', '3'])).toBe(false);
		expect(pairsInResp3(['ZSCAN', 'z', '0'])).toBe(false);
		// A key named withscores is a key, not the option.
		expect(pairsInResp3(['ZUNION', '1', 'withscores'])).toBe(false);
		expect(pairsInResp3(['ZRANGE', 'withscores', '0', '-1'])).toBe(false);
	});
});
