import { describe, expect, it } from 'vitest';
import { generateUsers } from './users.ts';

const T0 = Date.UTC(2026, 0, 1, 12);

describe('generateUsers', () => {
	it('makes 1,000 rows with ids 1..1000, version 1, all columns filled', () => {
		const users = generateUsers(1, 1000, T0);
		expect(users).toHaveLength(1000);
		expect(users.map((u) => u.id)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
		for (const u of users) {
			expect(u.version).toBe(1);
			expect(u.name).toMatch(/^\w+ \w+$/);
			expect(u.email).toMatch(new RegExp(`^[a-z]+\\.[a-z]+${u.id}@[a-z.]+$`));
			expect(['member', 'editor', 'admin']).toContain(u.role);
			expect(u.avatar_url).toBe(`https://cdn.example.com/avatars/${u.id}.png`);
			expect(Date.parse(u.updated_at)).toBeLessThan(T0);
		}
	});

	it('is the same for the same seed and differs for another', () => {
		expect(generateUsers(7, 50, T0)).toEqual(generateUsers(7, 50, T0));
		expect(generateUsers(8, 50, T0)).not.toEqual(generateUsers(7, 50, T0));
	});

	it('keeps a cached row under 200 bytes of JSON (the keyspace preview length)', () => {
		for (const u of generateUsers(1, 1000, T0)) expect(JSON.stringify(u).length).toBeLessThan(200);
	});
});
