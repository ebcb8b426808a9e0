// The engine's CONFIG table against a live redis-server, parameter by parameter: the same names and
// aliases under CONFIG GET *, the same defaults (host-dependent ones aside), and the same reply to
// CONFIG SET with a battery of good and bad values, followed by the same CONFIG GET.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine, type Reply } from '../../src/engine/index.ts';
import type { RespClient } from './resp-client.ts';
import { livePolicy, startRedisServer, type RedisServer } from './server.ts';

const policy = livePolicy();

/** Values that describe the process or its start flags, not Redis. */
const HOST_DEPENDENT = new Set(['port', 'bind', 'dir', 'save', 'enable-debug-command']);
/** Changing these would cut the test off from the server (or lock it), so only good values. */
const DANGEROUS = new Set([...HOST_DEPENDENT, 'requirepass', 'masterauth', 'masteruser']);
/** appendonly yes would start an AOF in the server's working directory (this repository). */
const AVOID = new Set(['appendonly yes']);

const PROBES = [
	'zz!',
	'yes',
	'NO',
	'0',
	'1',
	'-1',
	'05',
	'+5',
	'1.5',
	'1k',
	'2MB',
	'5%',
	'101%',
	'',
	'-9223372036854775808',
	'9223372036854775807',
	'9223372036854775808',
	'18446744073709551615',
	'18446744073709551616',
	'1 2',
	'a b c',
	'normal 1mb 2mb 3',
	'save now',
	'save nosave',
	'AKE',
	'-5 10 20',
	'99.5 0x10',
];

const text = (r: Reply): string =>
	r.type === 'array'
		? JSON.stringify(r.value?.map((x) => ('value' in x ? x.value : null)))
		: `${r.type}:${String(r.value)}`;

let server: RedisServer | null = null;
let client: RespClient | null = null;
let engine: Engine;

beforeAll(async () => {
	engine = createEngine();
	if (policy.mode !== 'run') return;
	server = await startRedisServer(policy.path);
	client = await server.connect();
}, 20_000);

afterAll(async () => {
	engine.dispose();
	client?.close();
	await server?.stop();
});

async function live(argv: string[]): Promise<Reply> {
	return client!.send(argv);
}

function pairs(r: Reply): Map<string, string> {
	const out = new Map<string, string>();
	const v = r.type === 'array' ? (r.value ?? []) : [];
	for (let i = 0; i + 1 < v.length; i += 2) {
		const k = v[i]!;
		const val = v[i + 1]!;
		if (k.type === 'bulk' && val.type === 'bulk') out.set(k.value ?? '', val.value ?? '');
	}
	return out;
}

describe('CONFIG table vs redis-server 7.0', () => {
	it('lists the same names, aliases and defaults under CONFIG GET *', async (ctx) => {
		if (policy.mode === 'fail') expect.fail(policy.reason);
		if (!client) return ctx.skip();
		const real = pairs(await live(['CONFIG', 'GET', '*']));
		const ours = pairs(engine.exec(['CONFIG', 'GET', '*']));
		expect([...ours.keys()].sort()).toEqual([...real.keys()].sort());
		for (const [name, value] of real)
			if (!HOST_DEPENDENT.has(name)) expect(ours.get(name), name).toBe(value);
		for (const pattern of ['maxmemory*', '*max*entries*', 'hash-max-zip*', 'slave*', '*-?ort'])
			expect(pairs(engine.exec(['CONFIG', 'GET', pattern])), pattern).toEqual(
				pairs(await live(['CONFIG', 'GET', pattern])),
			);
	});

	it(
		'answers CONFIG SET with every probe value as Redis does',
		{ timeout: 120_000 },
		async (ctx) => {
			if (policy.mode === 'fail') expect.fail(policy.reason);
			if (!client) return ctx.skip();
			const real = pairs(await live(['CONFIG', 'GET', '*']));
			const diffs: string[] = [];
			for (const [name, start] of real) {
				const probes = DANGEROUS.has(name) ? [start] : PROBES;
				for (const value of probes) {
					if (AVOID.has(`${name} ${value}`)) continue;
					const argv = ['CONFIG', 'SET', name, value];
					const a = text(engine.exec(argv));
					const b = text(await live(argv));
					const ga = text(engine.exec(['CONFIG', 'GET', name]));
					const gb = text(await live(['CONFIG', 'GET', name]));
					if (a !== b || (ga !== gb && !HOST_DEPENDENT.has(name)))
						diffs.push(`${name} ${JSON.stringify(value)}: ${a} ${ga} ≠ ${b} ${gb}`);
					// Back to the start value on both sides for the next probe.
					engine.exec(['CONFIG', 'SET', name, start]);
					await live(['CONFIG', 'SET', name, start]);
				}
			}
			expect(diffs).toEqual([]);
		},
	);

	it('hidden parameters answer only to their exact name', async (ctx) => {
		if (policy.mode === 'fail') expect.fail(policy.reason);
		if (!client) return ctx.skip();
		for (const argv of [
			['CONFIG', 'GET', 'watchdog-period'],
			['CONFIG', 'GET', 'KEY-LOAD-DELAY'],
			['CONFIG', 'GET', 'watchdog*'],
			['CONFIG', 'GET', 'use-exit-on-panic', 'loading-process-events-interval-bytes'],
		])
			expect(pairs(engine.exec(argv)), argv.join(' ')).toEqual(pairs(await live(argv)));
	});
});
