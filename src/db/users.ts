// The `users` table's row type and its seeded generator: 1,000 rows that are the same for the
// same seed on every machine, so a lesson that says "user 123 is Bob" stays true.
import { Prng } from '../lib/prng.ts';
import { DOMAINS, FIRST_NAMES, LAST_NAMES, ROLES, type Role } from './words.ts';

export type { Role } from './words.ts';

/** One row of `users`, with columns in table order (JSON keeps this order in the cache). */
export interface User {
	readonly id: number;
	readonly name: string;
	readonly email: string;
	readonly role: Role;
	readonly avatar_url: string;
	/** ISO 8601, set by the database on every write. */
	readonly updated_at: string;
	/** Starts at 1 and grows by one on every UPDATE: what a versioned cache compares. */
	readonly version: number;
}

/** The columns an UPDATE may set; id, updated_at and version belong to the database. */
export type UserChanges = Partial<Pick<User, 'name' | 'email' | 'role' | 'avatar_url'>>;

export const USER_COUNT = 1000;

/**
 * Rows 1..count drawn from `seed`. `createdAt` (epoch ms) stamps `updated_at`, spread over the
 * preceding 30 days so rows do not all look written in the same second.
 */
export function generateUsers(seed: number, count: number, createdAt: number): User[] {
	const prng = new Prng(seed);
	const users: User[] = [];
	for (let id = 1; id <= count; id++) {
		const first = prng.pick(FIRST_NAMES);
		const last = prng.pick(LAST_NAMES);
		const daysAgo = 1 + prng.int(30);
		users.push({
			id,
			name: `${first} ${last}`,
			email: `${first}.${last}${id}@${prng.pick(DOMAINS)}`.toLowerCase(),
			role: prng.pick(ROLES),
			avatar_url: `https://cdn.example.com/avatars/${id}.png`,
			updated_at: new Date(createdAt - daysAgo * 86_400_000).toISOString(),
			version: 1,
		});
	}
	return users;
}
