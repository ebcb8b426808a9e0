import { describe, expect, it } from 'vitest';
import { selectUserSql, sqlLiteral, updateUserSql } from './sql.ts';

describe('sql', () => {
	it('renders the SELECT and UPDATE a real app would send', () => {
		expect(selectUserSql(123)).toBe('SELECT * FROM users WHERE id = 123');
		expect(updateUserSql(123, { name: 'Bob' }, 8)).toBe(
			"UPDATE users SET name = 'Bob', version = 8 WHERE id = 123",
		);
		expect(updateUserSql(5, { role: 'admin', email: 'a@b.c' }, 2)).toBe(
			"UPDATE users SET role = 'admin', email = 'a@b.c', version = 2 WHERE id = 5",
		);
	});

	it('doubles single quotes in string literals', () => {
		expect(sqlLiteral("O'Brien")).toBe("'O''Brien'");
		expect(sqlLiteral(3)).toBe('3');
	});
});
