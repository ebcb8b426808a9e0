import { describe, expect, it } from 'vitest';
import { formatClockTime, formatDuration, parseDuration } from './duration.ts';

describe('parseDuration', () => {
	it('reads units and bare seconds', () => {
		expect(parseDuration('250ms')).toBe(250);
		expect(parseDuration('10s')).toBe(10_000);
		expect(parseDuration('1h30m')).toBe(5_400_000);
		expect(parseDuration('2d')).toBe(172_800_000);
		expect(parseDuration('1.5')).toBe(1500);
	});
	it('refuses what it cannot read', () => {
		expect(parseDuration('')).toBeNull();
		expect(parseDuration('10 parsecs')).toBeNull();
		expect(parseDuration('5x')).toBeNull();
	});
});

describe('formatDuration', () => {
	it('shows a compact form', () => {
		expect(formatDuration(850)).toBe('850ms');
		expect(formatDuration(4200)).toBe('4.2s');
		expect(formatDuration(303_000)).toBe('5m 03s');
		expect(formatDuration(7_500_000)).toBe('2h 05m');
		expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000)).toBe('3d 4h');
	});
	it('never rounds up into the next unit', () => {
		expect(formatDuration(59_600)).toBe('59s');
		expect(formatDuration(9_990)).toBe('9.9s');
	});
	it('writes whole seconds (idle times) like TTLs', () => {
		expect(formatDuration(0, { whole: true })).toBe('0s');
		expect(formatDuration(5000, { whole: true })).toBe('5s');
		expect(formatDuration(42_896_000, { whole: true })).toBe('11h 54m');
	});
	it('formats the clock in UTC', () => {
		expect(formatClockTime(Date.UTC(2026, 0, 1, 12, 0, 5))).toBe('12:00:05');
	});
});
