// `npm run goldens [-- file…]`: re-records the expected lines of golden transcripts from a private
// live redis-server. Comments, blank lines and commands stay; each command's output lines are
// replaced by what the server answers (a `~ text` expectation the answer still meets is kept).
// Where redis-cli exists, the whole file is also piped through `FAKETTY=1 redis-cli` and compared,
// which guards the console's formatter that the recording goes through.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { ANY_ORDER, matchOutput, parseTranscript } from '../../src/console/transcript.ts';
import { argvOf, listGoldens, runOnServer, TRANSCRIPTS_DIR, type Golden } from './goldens.ts';
import type { RespClient } from './resp-client.ts';
import { findRedisServer, RESET_COMMANDS, startRedisServer } from './server.ts';

function pickGoldens(args: readonly string[]): Golden[] {
	const all = listGoldens();
	if (args.length === 0) return all;
	return args.map((arg) => {
		const candidates = [
			resolve(arg),
			join(TRANSCRIPTS_DIR, arg),
			join(TRANSCRIPTS_DIR, `${arg}.txt`),
		];
		const path = candidates.find((p) => existsSync(p));
		if (!path) throw new Error(`no transcript ${arg} (looked in ${TRANSCRIPTS_DIR})`);
		const found = all.find((g) => g.path === path);
		return found ?? { name: arg, path, text: readFileSync(path, 'utf8') };
	});
}

/** Rewrites `text` with new outputs, keeping every line that is not an old output line. */
function rewrite(text: string, outputs: readonly (readonly string[])[]): string {
	const entries = parseTranscript(text);
	const lines = text.split('\n');
	const out: string[] = [];
	let e = -1;
	let skip = 0;
	lines.forEach((line, i) => {
		const entry = entries[e + 1];
		if (entry && entry.line === i + 1) {
			e++;
			out.push(line);
			out.push(...(outputs[e] ?? []));
			skip = entry.expected.length;
		} else if (skip > 0) skip--;
		else out.push(line);
	});
	return out.join('\n');
}

/** What `FAKETTY=1 redis-cli` prints for the whole transcript, or null without redis-cli. */
function viaRedisCli(port: number, text: string): string | null {
	const setup = RESET_COMMANDS.map((argv) => argv.join(' ')).join('\n');
	const body = parseTranscript(text)
		.map((e) => e.command)
		.join('\n');
	const r = spawnSync('redis-cli', ['-p', String(port)], {
		input: `${setup}\n${body}\n`,
		env: { ...process.env, FAKETTY: '1' },
		encoding: 'utf8',
	});
	if (r.error || r.status !== 0) return null;
	const lines = r.stdout.split('\n').map((l) => l.replace(/\r$/, ''));
	return lines.slice(RESET_COMMANDS.length).join('\n');
}

async function recordOne(golden: Golden, client: RespClient, port: number): Promise<void> {
	const run = await runOnServer(golden.text, client);
	const outputs = run.entries.map((entry) => {
		const marked = entry.expected.some((l) => l.startsWith('~ ') || l === ANY_ORDER);
		if (marked && matchOutput(entry.expected, entry.actual)) return entry.expected;
		// An unordered reply keeps its marker, above the lines this server printed.
		return entry.expected.includes(ANY_ORDER) ? [ANY_ORDER, ...entry.actual] : entry.actual;
	});
	const changed = run.entries.filter(
		(entry, i) => entry.expected.join('\n') !== outputs[i]?.join('\n'),
	);
	const next = rewrite(golden.text, outputs);
	if (next !== golden.text) writeFileSync(golden.path, next);
	const sent = argvOf(golden.text).length;
	console.log(
		`${basename(golden.path)}: ${run.entries.length} commands (${sent} sent), ` +
			`${changed.length} outputs re-recorded`,
	);
	for (const c of changed.slice(0, 20)) console.log(`  line ${c.line}: > ${c.command}`);
	if (changed.length > 20) console.log(`  … ${changed.length - 20} more`);

	const cli = viaRedisCli(port, next);
	const ours = run.entries.flatMap((entry) => entry.actual).join('\n');
	if (cli !== null && cli.trimEnd() !== ours.trimEnd()) {
		const a = cli.split('\n');
		const b = ours.split('\n');
		const at = a.findIndex((l, i) => l !== b[i]);
		console.warn(
			`  ! redis-cli prints this file differently from the console's formatter (timing-dependent ` +
				`replies can do that too). First difference at output line ${at + 1}:\n` +
				`    redis-cli: ${a[at] ?? '(end)'}\n    console:   ${b[at] ?? '(end)'}`,
		);
	}
}

async function main(): Promise<number> {
	const path = findRedisServer();
	if (!path) {
		console.error('npm run goldens needs redis-server 7.0 ($REDIS_SERVER_PATH or PATH)');
		return 1;
	}
	const goldens = pickGoldens(process.argv.slice(2));
	if (goldens.length === 0) {
		console.error(`no transcripts in ${TRANSCRIPTS_DIR}`);
		return 1;
	}
	const server = await startRedisServer(path);
	console.log(`redis-server ${server.version} on 127.0.0.1:${server.port}`);
	if (!server.version.startsWith('7.0.'))
		console.warn('! the goldens are meant to come from 7.0.x');
	try {
		for (const golden of goldens) {
			const client = await server.connect();
			try {
				await recordOne(golden, client, server.port);
			} finally {
				client.close();
			}
		}
	} finally {
		await server.stop();
	}
	return 0;
}

main().then(
	(code) => process.exit(code),
	(err: unknown) => {
		console.error(err);
		process.exit(1);
	},
);
