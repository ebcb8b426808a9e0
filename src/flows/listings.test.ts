import { describe, expect, it } from 'vitest';
import type { CacheGuard, WriteStrategy } from './flow-options.ts';
import { LISTINGS, lineNumber, listingFor, type ListingLanguage } from './listings.ts';

const GUARDS: CacheGuard[] = ['none', 'version', 'lease'];
const STRATEGIES: WriteStrategy[] = [
	'db-only',
	'update-then-del',
	'del-then-update',
	'update-then-set',
];
const LANGUAGES: ListingLanguage[] = ['python', 'typescript'];

describe('listings', () => {
	it('get_user has exactly one line per read-path step in every variant', () => {
		for (const language of LANGUAGES)
			for (const guard of GUARDS)
				for (const hasTtl of [true, false]) {
					const lines = listingFor('get_user', language, { guard, hasTtl });
					for (const id of ['get', 'redis-down', 'hit', 'select', 'fill', 'return'])
						expect(lineNumber(lines, id), `${language} ${guard} ${hasTtl} ${id}`).not.toBeNull();
					const fills = lines.filter((l) => l.id === 'fill');
					expect(fills).toHaveLength(1);
				}
	});

	it('update_user shows the lines of its strategy only', () => {
		for (const language of LANGUAGES)
			for (const strategy of STRATEGIES)
				for (const guard of GUARDS) {
					const lines = listingFor('update_user', language, { guard, hasTtl: true, strategy });
					const ids = lines.flatMap((l) => (l.id ? [l.id] : []));
					expect(ids).toContain('update');
					expect(ids.includes('delete-first')).toBe(strategy === 'del-then-update');
					expect(ids.includes('delete')).toBe(strategy === 'update-then-del');
					expect(ids.includes('set')).toBe(strategy === 'update-then-set');
					expect(new Set(ids).size).toBe(ids.length);
				}
	});

	it('numbers lines from 1 and keeps the text verbatim', () => {
		const lines = listingFor('get_user', 'python', { guard: 'none', hasTtl: true });
		expect(lines[0]).toEqual({ number: 1, text: 'def get_user(user_id):' });
		expect(lines.find((l) => l.id === 'fill')?.text).toBe(
			'        redis.setex(cache_key, TTL, json.dumps(user))',
		);
		expect(LISTINGS.typescript.get_user[0]?.text).toMatch(/^async function getUser/);
	});
});
