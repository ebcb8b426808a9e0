// Word lists for the seeded `users` table: short, plain, and varied enough that 1,000 rows read
// like people rather than `user_17`.

const words = (s: string): readonly string[] => s.trim().split(/\s+/);

export const FIRST_NAMES = words(`
	Ada Alice Amir Ana Bea Ben Bob Chen Chloe Dara David Elif Emma Finn Grace Hana Hugo Ines Ivan
	Jade Jon Kai Lena Leo Lina Luca Maya Mei Nia Noah Omar Priya Rosa Sam Sara Tariq Theo Uma Vera
	Yuki Zoe
`);

export const LAST_NAMES = words(`
	Adams Baker Costa Dubois Evans Fischer Garcia Haddad Ito Jensen Kowalski Lopez Moreau Nakamura
	Novak Okafor Patel Quinn Rossi Silva Tanaka Umar Varga Weber Xu Young Zhang
`);

export const DOMAINS = words('example.com example.org mail.test inbox.test');

export type Role = 'member' | 'editor' | 'admin';

/** Roles, weighted by repetition: most users are members, a few are admins. */
export const ROLES: readonly Role[] = [
	'member',
	'member',
	'member',
	'member',
	'editor',
	'editor',
	'admin',
];
