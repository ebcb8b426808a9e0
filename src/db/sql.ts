// The SQL text a real app would send for each query: what the query log and the flow stage show.
// Only rendering; the mock database never parses SQL.
import type { UserChanges } from './users.ts';

/** A value as a SQL literal: numbers bare, strings in single quotes with quotes doubled. */
export function sqlLiteral(value: string | number): string {
	return typeof value === 'number' ? String(value) : `'${value.replaceAll("'", "''")}'`;
}

export function selectUserSql(id: number): string {
	return `SELECT * FROM users WHERE id = ${id}`;
}

/** `UPDATE users SET name = 'Bob', version = 8 WHERE id = 123`: the changed columns, then version. */
export function updateUserSql(id: number, changes: UserChanges, version: number): string {
	const sets = Object.entries(changes)
		.filter((entry): entry is [string, string] => typeof entry[1] === 'string')
		.map(([column, value]) => `${column} = ${sqlLiteral(value)}`);
	sets.push(`version = ${version}`);
	return `UPDATE users SET ${sets.join(', ')} WHERE id = ${id}`;
}
