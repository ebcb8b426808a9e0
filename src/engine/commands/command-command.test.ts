import { describe, expect, it } from 'vitest';
import type { Reply } from '../reply.ts';
import { argumentsFromSyntax } from './command-docs.ts';
import { commandTable } from './index.ts';
import { err, int, serverFixture, str } from './server.test-util.ts';

const st = (value: string): Reply => ({ type: 'status', value });
const set = (...values: string[]) => ({ type: 'array', value: values.map(st), resp3: 'set' });
const empty = { type: 'array', value: [] };

/** A reply as plain nested values, for compact expectations. */
function plain(r: Reply): unknown {
	if (r.type === 'array') return r.value?.map(plain) ?? null;
	return r.value;
}

describe('COMMAND INFO', () => {
	it('gives the ten fields of a simple command', () => {
		const r = serverFixture().run('COMMAND', 'INFO', 'dbsize');
		expect(r).toEqual({
			type: 'array',
			value: [
				{
					type: 'array',
					value: [
						str('dbsize'),
						int(1),
						set('readonly', 'fast'),
						int(0),
						int(0),
						int(0),
						set('@keyspace', '@read', '@fast'),
						{
							type: 'array',
							value: [str('request_policy:all_shards'), str('response_policy:agg_sum')],
						},
						empty,
						empty,
					],
				},
			],
		});
	});

	it('nests subcommands, matches the real categories, nil for unknown names', () => {
		const f = serverFixture();
		const [config, objFreq, nope, info, lastsave] = plain(
			f.run('COMMAND', 'INFO', 'CONFIG', 'object|freq', 'nosuch', 'info', 'lastsave'),
		) as unknown[][];
		expect(config!.slice(0, 8)).toEqual(['config', -2, [], 0, 0, 0, ['@slow'], []]);
		const subs = config![9] as unknown[][];
		expect(subs.map((s) => s[0])).toEqual([
			'config|rewrite',
			'config|get',
			'config|set',
			'config|resetstat',
			'config|help',
		]);
		expect(subs[1]!.slice(0, 7)).toEqual([
			'config|get',
			-3,
			['admin', 'noscript', 'loading', 'stale'],
			0,
			0,
			0,
			['@admin', '@slow', '@dangerous'],
		]);
		expect(subs[4]![6]).toEqual(['@slow']);
		expect(objFreq!.slice(0, 8)).toEqual([
			'object|freq',
			3,
			['readonly'],
			2,
			2,
			1,
			['@keyspace', '@read', '@slow'],
			['nondeterministic_output'],
		]);
		expect(nope).toBeNull();
		expect(info![6]).toEqual(['@slow', '@dangerous']);
		expect(lastsave![6]).toEqual(['@admin', '@fast', '@dangerous']);
	});

	it('COMMAND alone and COMMAND INFO alone list every command', () => {
		const f = serverFixture();
		const all = f.run('COMMAND');
		expect(all.type === 'array' && all.value?.length).toBe(commandTable().size);
		expect(f.run('COMMAND', 'INFO')).toEqual(all);
		expect(f.run('COMMAND', 'COUNT')).toEqual(int(commandTable().size));
	});
});

describe('COMMAND LIST, DOCS, HELP and errors', () => {
	it('LIST with and without FILTERBY', () => {
		const f = serverFixture();
		expect(plain(f.run('COMMAND', 'LIST', 'FILTERBY', 'PATTERN', 'conf*'))).toEqual([
			'config',
			'config|rewrite',
			'config|get',
			'config|set',
			'config|resetstat',
			'config|help',
		]);
		const dangerous = plain(
			f.run('COMMAND', 'LIST', 'filterby', 'aclcat', 'DANGEROUS'),
		) as string[];
		expect(dangerous).toContain('info');
		expect(dangerous).toContain('debug');
		expect(dangerous).not.toContain('time');
		expect(plain(f.run('COMMAND', 'LIST', 'FILTERBY', 'MODULE', 'x'))).toEqual([]);
		expect(plain(f.run('COMMAND', 'LIST', 'FILTERBY', 'ACLCAT', 'nosuch'))).toEqual([]);
		const all = plain(f.run('COMMAND', 'LIST')) as string[];
		expect(all).toContain('object|freq');
		expect(all).toContain('time');
		for (const bad of [['x'], ['FILTERBY', 'foo', 'x'], ['FILTERBY', 'PATTERN']])
			expect(f.run('COMMAND', 'LIST', ...bad)).toEqual(err('ERR syntax error'));
	});

	it('DOCS: summary, since, group, arguments, subcommands; unknown names left out', () => {
		const f = serverFixture();
		const docs = plain(f.run('COMMAND', 'DOCS', 'memory', 'nosuch')) as unknown[];
		expect(docs[0]).toBe('memory');
		const memory = docs[1] as unknown[];
		expect(memory.slice(0, 6)).toEqual([
			'summary',
			expect.any(String),
			'since',
			'4.0.0',
			'group',
			'server',
		]);
		expect(memory[6]).toBe('subcommands');
		const subs = memory[7] as unknown[];
		expect(subs[0]).toBe('memory|usage');
		expect(subs[1]).toEqual([
			...['summary', expect.any(String), 'since', '4.0.0', 'group', 'server', 'arguments'],
			[
				['name', 'key', 'type', 'key', 'key_spec_index', 0],
				['name', 'count', 'type', 'integer', 'token', 'SAMPLES', 'flags', ['optional']],
			],
		]);
		expect(docs).toHaveLength(2);
		const all = f.run('COMMAND', 'DOCS');
		expect(all.type === 'array' && all.value?.length).toBe(2 * commandTable().size);
	});

	it('HELP, unknown subcommands, arity', () => {
		const f = serverFixture();
		const help = f.run('COMMAND', 'HELP');
		expect(help.type === 'array' && help.value?.length).toBe(21);
		expect(f.run('COMMAND', 'FOO')).toEqual(err("ERR unknown subcommand 'FOO'. Try COMMAND HELP."));
		expect(f.run('COMMAND', 'COUNT', 'x')).toEqual(
			err("ERR wrong number of arguments for 'command|count' command"),
		);
	});
});

describe('argumentsFromSyntax', () => {
	const args = (syntax: string, command = 'X') =>
		argumentsFromSyntax(syntax, command).map((a) => JSON.parse(JSON.stringify(a)));

	it('keys, tokens with values, pure tokens, optional one-of groups', () => {
		expect(args('key value [EX seconds|PX milliseconds|KEEPTTL] [NX|XX]')).toEqual([
			{ name: 'key', type: 'key', keySpecIndex: 0, flags: [] },
			{ name: 'value', type: 'string', flags: [] },
			{
				name: 'option',
				type: 'oneof',
				flags: ['optional'],
				arguments: [
					{ name: 'seconds', type: 'integer', token: 'EX', flags: [] },
					{ name: 'milliseconds', type: 'integer', token: 'PX', flags: [] },
					{ name: 'keepttl', type: 'pure-token', token: 'KEEPTTL', flags: [] },
				],
			},
			{
				name: 'option',
				type: 'oneof',
				flags: ['optional'],
				arguments: [
					{ name: 'nx', type: 'pure-token', token: 'NX', flags: [] },
					{ name: 'xx', type: 'pure-token', token: 'XX', flags: [] },
				],
			},
		]);
	});

	it('repeats become multiple, pairs become a multiple block', () => {
		expect(args('key [key ...]')).toEqual([
			{ name: 'key', type: 'key', keySpecIndex: 0, flags: ['multiple'] },
		]);
		expect(args('key field value [field value ...]')[1]).toEqual({
			name: 'field_value',
			type: 'block',
			flags: ['multiple'],
			arguments: [
				{ name: 'field', type: 'string', flags: [] },
				{ name: 'value', type: 'string', flags: [] },
			],
		});
		expect(args('key increment', 'INCRBYFLOAT')[1]).toEqual({
			name: 'increment',
			type: 'double',
			flags: [],
		});
		expect(args('')).toEqual([]);
	});

	it('a token may introduce a required choice', () => {
		expect(args('[FILTERBY <MODULE module-name | PATTERN pattern>]')).toEqual([
			{
				name: 'filterby',
				type: 'oneof',
				token: 'FILTERBY',
				flags: ['optional'],
				arguments: [
					{ name: 'module-name', type: 'string', token: 'MODULE', flags: [] },
					{ name: 'pattern', type: 'string', token: 'PATTERN', flags: [] },
				],
			},
		]);
	});
});

describe('COMMAND GETKEYS', () => {
	it('finds keys by first/last/step, with the real errors', () => {
		const f = serverFixture();
		const keys = (...argv: string[]) => plain(f.run('COMMAND', 'GETKEYS', ...argv));
		expect(keys('get', 'k')).toEqual(['k']);
		expect(keys('mset', 'a', '1', 'b', '2')).toEqual(['a', 'b']);
		expect(keys('del', 'a', 'b', 'c')).toEqual(['a', 'b', 'c']);
		expect(keys('object', 'freq', 'k')).toEqual(['k']);
		expect(keys('nosuch', 'a')).toBe('ERR Invalid command specified');
		expect(keys('get', 'a', 'b')).toBe('ERR Invalid number of arguments specified for command');
		expect(keys('object', 'encoding')).toBe(
			'ERR Invalid number of arguments specified for command',
		);
		expect(keys('info', 'x')).toBe('ERR The command has no key arguments');
		expect(keys('config', 'get', 'x')).toBe('ERR The command has no key arguments');
		// Keys are looked for before the arity is checked.
		expect(keys('config', 'get')).toBe('ERR The command has no key arguments');
		expect(keys('client', 'kill')).toBe('ERR The command has no key arguments');
		expect(f.run('COMMAND', 'GETKEYS', 'get')).toEqual(
			err("ERR wrong number of arguments for 'command|getkeys' command"),
		);
	});
});
