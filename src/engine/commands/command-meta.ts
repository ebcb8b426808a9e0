// What src/commands/*.json says beyond our CommandSpec: explicit ACL categories and command tips.
// ACL categories are then completed from the flags as setImplicitACLCategories does (server.c).
import type { CommandSpec } from '../command.ts';

/** ACL categories in the order of ACLCommandCategories (acl.c): the order COMMAND INFO lists them. */
export const ACL_CATEGORIES = [
	...['keyspace', 'read', 'write', 'set', 'sortedset', 'list', 'hash', 'string', 'bitmap'],
	...['hyperloglog', 'geo', 'stream', 'pubsub', 'admin', 'fast', 'slow', 'blocking'],
	...['dangerous', 'connection', 'transaction', 'scripting'],
] as const;

const GROUP_CATEGORY: Partial<Record<CommandSpec['group'], string>> = {
	generic: 'keyspace',
	string: 'string',
	bitmap: 'bitmap',
	hash: 'hash',
	list: 'list',
	set: 'set',
	'sorted-set': 'sortedset',
	connection: 'connection',
	transactions: 'transaction',
};

/** Categories the JSON names for commands whose group does not imply them. */
const EXPLICIT: Record<string, readonly string[]> = {
	dbsize: ['keyspace'],
	flushdb: ['keyspace', 'dangerous'],
	flushall: ['keyspace', 'dangerous'],
	swapdb: ['keyspace', 'dangerous'],
	keys: ['dangerous'],
	info: ['dangerous'],
	lastsave: ['admin', 'dangerous'],
	command: ['connection'],
	sort: ['set', 'sortedset', 'list', 'dangerous'],
	sort_ro: ['set', 'sortedset', 'list', 'dangerous'],
};

/** Commands whose JSON names other categories instead of their group's (SORT: no @keyspace). */
const NOT_FROM_GROUP = new Set(['sort', 'sort_ro']);

/** Command tips (request/response policies, nondeterminism) as 7.0.15 lists them. */
const TIPS: Record<string, readonly string[]> = {
	time: ['nondeterministic_output'],
	lastsave: ['nondeterministic_output'],
	info: ['nondeterministic_output', 'request_policy:all_shards', 'response_policy:special'],
	dbsize: ['request_policy:all_shards', 'response_policy:agg_sum'],
	'config|set': ['request_policy:all_nodes', 'response_policy:all_succeeded'],
	'object|freq': ['nondeterministic_output'],
	'object|encoding': ['nondeterministic_output'],
	'object|idletime': ['nondeterministic_output'],
	'object|refcount': ['nondeterministic_output'],
	'memory|doctor': [
		'nondeterministic_output',
		'request_policy:all_shards',
		'response_policy:special',
	],
	'memory|malloc-stats': [
		'nondeterministic_output',
		'request_policy:all_shards',
		'response_policy:special',
	],
	'memory|stats': [
		'nondeterministic_output',
		'request_policy:all_shards',
		'response_policy:special',
	],
	'memory|purge': ['request_policy:all_shards', 'response_policy:all_succeeded'],
	...Object.fromEntries(
		['doctor', 'graph', 'history', 'latest', 'histogram'].map((s) => [
			`latency|${s}`,
			['nondeterministic_output', 'request_policy:all_nodes', 'response_policy:special'],
		]),
	),
	'latency|reset': ['request_policy:all_nodes', 'response_policy:all_succeeded'],
	'slowlog|get': ['request_policy:all_nodes', 'nondeterministic_output'],
	'slowlog|len': ['request_policy:all_nodes', 'response_policy:agg_sum', 'nondeterministic_output'],
	'slowlog|reset': ['request_policy:all_nodes', 'response_policy:all_succeeded'],
	command: ['nondeterministic_output_order'],
	'command|list': ['nondeterministic_output_order'],
	'command|docs': ['nondeterministic_output_order'],
	'command|info': ['nondeterministic_output_order'],
	mset: ['request_policy:multi_shard', 'response_policy:all_succeeded'],
	msetnx: ['request_policy:multi_shard', 'response_policy:agg_min'],
	mget: ['request_policy:multi_shard'],
	ttl: ['nondeterministic_output'],
	pttl: ['nondeterministic_output'],
	del: ['request_policy:multi_shard', 'response_policy:agg_sum'],
	unlink: ['request_policy:multi_shard', 'response_policy:agg_sum'],
	exists: ['request_policy:multi_shard', 'response_policy:agg_sum'],
	touch: ['request_policy:multi_shard', 'response_policy:agg_sum'],
	keys: ['request_policy:all_shards', 'nondeterministic_output_order'],
	scan: ['nondeterministic_output', 'request_policy:special'],
	randomkey: ['request_policy:all_shards', 'nondeterministic_output'],
	flushdb: ['request_policy:all_shards', 'response_policy:all_succeeded'],
	flushall: ['request_policy:all_shards', 'response_policy:all_succeeded'],
	ping: ['request_policy:all_shards', 'response_policy:all_succeeded'],
	hgetall: ['nondeterministic_output_order'],
	hkeys: ['nondeterministic_output_order'],
	hvals: ['nondeterministic_output_order'],
	hrandfield: ['nondeterministic_output'],
	hscan: ['nondeterministic_output'],
	zrandmember: ['nondeterministic_output'],
	zscan: ['nondeterministic_output'],
	smembers: ['nondeterministic_output_order'],
	sinter: ['nondeterministic_output_order'],
	sunion: ['nondeterministic_output_order'],
	sdiff: ['nondeterministic_output_order'],
	spop: ['nondeterministic_output'],
	srandmember: ['nondeterministic_output'],
	sscan: ['nondeterministic_output'],
};

export const commandTips = (fullName: string): readonly string[] => TIPS[fullName] ?? [];

/**
 * The command's ACL categories: the JSON's (our group, or the EXPLICIT list) plus the implicit
 * ones from its flags. Containers carry no group category, only @slow (and any explicit one).
 */
export function aclCategories(spec: CommandSpec, fullName: string): string[] {
	const cats = new Set<string>(EXPLICIT[fullName.split('|')[0]!] ?? []);
	const fromGroup = GROUP_CATEGORY[spec.group];
	if (fromGroup && !spec.subcommands && !NOT_FROM_GROUP.has(fullName)) cats.add(fromGroup);
	const f = spec.flags;
	if (f.includes('write')) cats.add('write');
	if (f.includes('readonly')) cats.add('read');
	if (f.includes('admin')) cats.add('admin').add('dangerous');
	if (f.includes('pubsub')) cats.add('pubsub');
	if (f.includes('blocking')) cats.add('blocking');
	cats.add(f.includes('fast') ? 'fast' : 'slow');
	return ACL_CATEGORIES.filter((c) => cats.has(c));
}
