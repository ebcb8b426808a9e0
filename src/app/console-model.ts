// What the console panel does with a typed line: redis-cli's behaviour (from src/console) plus the
// playground's own `:meta` commands and the friendly explanation of `Invalid argument(s)`.
import type { CommandSpec, Reply } from '../engine/index.ts';
import { runLine, type ConsoleState } from '../console/session.ts';
import { explainSplitError, suggestQuoting } from '../console/tokenize.ts';
import { helpText } from '../console/hints.ts';
import { parseDuration, formatDuration } from '../lib/duration.ts';

export type EntryTone = 'reply' | 'error' | 'local' | 'invalid';

export interface ConsoleEntry {
	readonly id: number;
	readonly prompt: string;
	readonly input: string;
	readonly output: string;
	readonly tone: EntryTone;
	/** For `Invalid argument(s)`: why, and a corrected line the learner can run. */
	readonly explain?: string;
	readonly fix?: string;
}

/** The playground controls a meta-command may reach. */
export interface MetaControls {
	advance(ms: number): void;
	reset(seed?: number): void;
	setSpeed(speed: number): void;
	readonly speeds: readonly number[];
}

export interface LineOutcome {
	readonly entry: Omit<ConsoleEntry, 'id' | 'prompt'> | null;
	readonly state: ConsoleState;
	/** `clear` / Ctrl+L: wipe the scrollback. */
	readonly clear?: boolean;
}

const META_HELP = [
	':advance <duration>  move the virtual clock forward (e.g. :advance 10s, :advance 5m)',
	':reset               start again with an empty Redis (same seed)',
	':seed <n>            start again with seed n (random draws replay the same way)',
	':speed <x>           set the clock speed: 1, 10, 60 or 600',
].join('\n');

export function handleLine(
	line: string,
	exec: (argv: string[]) => Reply,
	specs: readonly CommandSpec[],
	state: ConsoleState,
	meta: MetaControls,
): LineOutcome {
	const result = runLine(line, exec, state);
	if (result.local) return { ...local(result.local.name, result.local.argv, specs, meta), state };
	if (result.output === '') return { entry: null, state: result.state };
	if (result.output === 'Invalid argument(s)\n') {
		return {
			state: result.state,
			entry: {
				input: line,
				output: 'Invalid argument(s)',
				tone: 'invalid',
				explain: explainSplitError(line) ?? undefined,
				fix: suggestQuoting(line) ?? undefined,
			},
		};
	}
	const output = result.output.replace(/\n$/, '');
	const tone = /^\(error\)/m.test(output) && !output.includes('\n') ? 'error' : 'reply';
	return { state: result.state, entry: { input: line, output, tone } };
}

function local(
	name: string,
	argv: readonly string[],
	specs: readonly CommandSpec[],
	meta: MetaControls,
): Omit<LineOutcome, 'state'> {
	// `help` arrives without its own word; everything else with its full argv.
	const input = name === 'help' ? ['help', ...argv].join(' ') : argv.join(' ');
	const say = (output: string) => ({ entry: { input, output, tone: 'local' as const } });
	switch (name) {
		case 'clear':
			return { entry: null, clear: true };
		case 'help': {
			const topic = argv.join(' ');
			if (!topic)
				return say(
					'Type: "help <command>" for help on a command, e.g. help SETEX\n' +
						'      ":help" for the playground\'s own commands',
				);
			return say(helpText(topic, specs).trim() ? helpText(topic, specs) : '');
		}
		case 'quit':
		case 'exit':
			return say(
				'This Redis lives in your browser tab, so there is nothing to quit. :reset starts over.',
			);
		case 'connect':
			return say('Cache Lab has one Redis, inside this page: there is nowhere else to connect.');
		case ':help':
			return say(META_HELP);
		case ':advance': {
			const ms = parseDuration(argv[1] ?? '');
			if (ms === null)
				return say('Usage: :advance <duration>, e.g. :advance 10s or :advance 1h30m');
			meta.advance(ms);
			return say(`Clock moved forward ${formatDuration(ms)}.`);
		}
		case ':reset':
			meta.reset();
			return { entry: null, clear: true };
		case ':seed': {
			const n = Number(argv[1]);
			if (!Number.isSafeInteger(n)) return say('Usage: :seed <integer>, e.g. :seed 7');
			meta.reset(n);
			return { entry: null, clear: true };
		}
		case ':speed': {
			const x = Number((argv[1] ?? '').replace(/x$/i, ''));
			if (!meta.speeds.includes(x)) return say(`Usage: :speed <${meta.speeds.join('|')}>`);
			meta.setSpeed(x);
			return say(`Clock speed ${x}×.`);
		}
		default:
			return say(`Unknown playground command ${name}. Type :help for the list.`);
	}
}
