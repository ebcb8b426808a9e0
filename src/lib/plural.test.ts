import { expect, it } from 'vitest';
import { plural } from './plural.ts';

it('counts nouns in the singular only for exactly one', () => {
	expect(plural(1, 'key')).toBe('1 key');
	expect(plural(0, 'key')).toBe('0 keys');
	expect(plural(2, 'entry', 'entries')).toBe('2 entries');
	expect(plural(12_345, 'eviction')).toBe('12,345 evictions');
});
