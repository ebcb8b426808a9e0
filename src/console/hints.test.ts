import { describe, expect, it } from 'vitest';
import type { CommandSpec } from '../engine/index.ts';
import { completions, findSpec, helpText, hintFor, specHelp, syntaxTokens } from './hints.ts';

const spec = (name: string, syntax: string): CommandSpec => ({
	name,
	syntax,
	arity: -2,
	flags: [],
	group: 'string',
	summary: `does ${name}`,
	since: '1.0.0',
	run: () => ({ type: 'status', value: 'OK' }),
});
const specs = [
	spec('SETEX', 'key seconds value'),
	spec('SET', 'key value [NX|XX] [GET]'),
	spec('GET', 'key'),
];

describe('hints', () => {
	it('keeps bracket groups whole', () => {
		expect(syntaxTokens('key value [NX|XX] [EX seconds|PX milliseconds]')).toEqual([
			'key',
			'value',
			'[NX|XX]',
			'[EX seconds|PX milliseconds]',
		]);
	});

	it('fades arguments as they are typed', () => {
		expect(hintFor('SETEX', specs)?.remaining).toBe('key seconds value');
		expect(hintFor('setex ', specs)?.remaining).toBe('key seconds value');
		expect(hintFor('SETEX user:1 ', specs)?.remaining).toBe('seconds value');
		expect(hintFor('SETEX user:1 300', specs)?.remaining).toBe('value');
		expect(hintFor('SETEX user:1 300 x ', specs)?.remaining).toBe('');
		expect(hintFor('NOPE a', specs)).toBeNull();
	});

	it('completes commands then keys', () => {
		expect(completions('se', specs, [])).toEqual(['set ', 'setex ']);
		expect(completions('GET us', specs, ['user:1', 'user:2', 'x'])).toEqual([
			'GET user:1',
			'GET user:2',
		]);
	});

	it('prints help like redis-cli', () => {
		expect(helpText('setex', specs)).toBe(
			'\n  SETEX key seconds value\n  summary: does SETEX\n  since: 1.0.0\n  group: string\n',
		);
		expect(helpText('nosuch', specs)).toBe('');
		const spec = findSpec('SetEx', specs);
		expect(spec?.name).toBe('SETEX');
		expect(specHelp(spec!)).toBe(helpText('setex', specs));
		expect(findSpec('nosuch', specs)).toBeNull();
	});
});
