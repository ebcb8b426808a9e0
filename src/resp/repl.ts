// A terminal redis-cli over the engine, in the role of redis-cli.c's `repl`: a prompt, history and
// Tab completion on a TTY; with piped input, exactly what `FAKETTY=1 redis-cli` prints per line.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { binaryToUtf8 } from '../console/bytes.ts';
import { formatReply } from '../console/format.ts';
import { completions, helpText } from '../console/hints.ts';
import {
	cliOutput,
	INITIAL_STATE,
	promptFor,
	readLine,
	type ConsoleState,
} from '../console/session.ts';
import { loadAllCommands } from '../engine/index.ts';
import { Hub } from './hub.ts';
import { RespSession } from './session.ts';

export interface ReplOptions {
	readonly input: Readable;
	readonly output: Writable;
	/** Interactive: prompt, history, completion. Off: replies only, as redis-cli prints them. */
	readonly terminal: boolean;
	readonly host?: string;
}

const GENERAL_HELP = [
	'redis-cli 7.0.15 (Cache Lab engine)',
	'To get help about Redis commands type:',
	'      "help <command>" for help on <command>',
	'      "help <tab>" to get a list of possible help topics',
	'      "quit" to exit',
	'',
].join('\n');

/** Runs until `quit`/`exit` or end of input; resolves when done. */
export async function runRepl(options: ReplOptions): Promise<void> {
	await loadAllCommands();
	// A terminal follows wall time; piped input runs on script time so its replies are repeatable.
	const hub = new Hub({ time: options.terminal ? 'wall' : 'script' });
	const host = options.host ?? '127.0.0.1:6379';
	const session = new RespSession(hub, { addr: '127.0.0.1:0', laddr: host, fd: 0 });
	// redis-cli prints what the server sent: after HELLO 3, maps, sets and doubles in RESP3 style.
	// Each reply is formatted here, at the edge, with the protocol it was sent in.
	let sentResp3: boolean[] = [];
	const exec = (argv: string[]) => {
		session.readWhole(argv);
		const reply = session.run(argv);
		sentResp3.push(session.resp === 3);
		return reply;
	};
	const run = (line: string) => {
		sentResp3 = [];
		const r = readLine(line, exec, state);
		const { result } = r;
		const text =
			result.kind === 'replies'
				? result.replies
						.map((reply, i) => formatReply(reply, { raw: result.raw, resp3: sentResp3[i] }))
						.join('')
				: cliOutput(result);
		return {
			state: r.state,
			output: binaryToUtf8(text),
			local: result.kind === 'local' ? result : null,
		};
	};
	const specs = hub.engine.commands();
	let state: ConsoleState = INITIAL_STATE;

	const rl = createInterface({
		input: options.input,
		output: options.terminal ? options.output : undefined,
		terminal: options.terminal,
		historySize: 1000,
		completer: options.terminal
			? (line: string): [string[], string] => {
					const keys = hub.engine.inspect(session.client.db).keys.slice(0, 1000);
					const names = keys.map((k) => k.name);
					return [completions(line, specs, names), line];
				}
			: undefined,
	});
	const write = (text: string) => {
		if (text !== '') options.output.write(text);
	};
	const prompt = () => {
		if (!options.terminal) return;
		rl.setPrompt(promptFor(state, host));
		rl.prompt();
	};

	return new Promise((resolve) => {
		rl.on('line', (line) => {
			const r = run(line);
			state = r.state;
			write(r.output);
			if (r.local) {
				const name = r.local.name;
				if (name === 'quit' || name === 'exit') {
					rl.close();
					return;
				}
				if (name === 'clear' && options.terminal) write('\x1b[H\x1b[2J');
				if (name === 'help') {
					const topic = r.local.argv[0];
					write(topic ? helpText(topic, specs) + '\n' : GENERAL_HELP);
				}
				if (name === 'connect')
					write('(error) CONNECT is not available: this REPL is the engine\n');
				if (name === 'monitor')
					write(
						'(error) MONITOR needs a socket: run npm run server, then redis-cli -p 6380 monitor\n',
					);
			}
			prompt();
		});
		rl.on('close', () => {
			session.close();
			hub.close();
			resolve();
		});
		prompt();
	});
}
