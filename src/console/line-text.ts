// A scrollback entry as text: redis-cli's reply formatting and the console's own words for help,
// meta-commands and refused lines. The tone comes from the data (an error reply, a line that did
// not split), never from reading the text back.
import { binaryToUtf8 } from './bytes.ts';
import { formatReply } from './format.ts';
import { specHelp } from './hints.ts';
import type { ShownOutcome } from './line.ts';
import { formatDuration } from '../lib/duration.ts';

/** reply: what Redis said; error: an error reply or a refusal; invalid: a line that did not split;
 * local: the console speaking for itself. */
export type ConsoleTone = 'reply' | 'error' | 'invalid' | 'local';

export interface EntryText {
	/** What redis-cli prints (no final newline), or the console's own words; '' for nothing. */
	readonly output: string;
	readonly tone: ConsoleTone;
	/** For `help <command>`: the console's notes under redis-cli's help block. */
	readonly notes: readonly string[];
}

export const META_HELP = [
	':advance <duration>  move the virtual clock forward (e.g. :advance 10s, :advance 5m)',
	':reset               start again with an empty Redis (same seed)',
	':seed <n>            start again with seed n (random draws replay the same way)',
	':speed <x>           set the clock speed: 1, 10, 60 or 600',
].join('\n');

const HELP_INTRO =
	'Type: "help <command>" for help on a command, e.g. help SETEX\n' +
	'      ":help" for the playground\'s own commands';

export const CONNECTION_REFUSED =
	'Could not connect to Redis at 127.0.0.1:6379: Connection refused';

const USAGE = {
	':advance': 'Usage: :advance <duration>, e.g. :advance 10s or :advance 1h30m',
	':seed': 'Usage: :seed <integer>, e.g. :seed 7',
} as const;

/** How one scrollback entry reads. */
export function entryText(o: ShownOutcome): EntryText {
	const local = (output: string, notes: readonly string[] = []): EntryText => ({
		output,
		tone: 'local',
		notes,
	});
	switch (o.kind) {
		case 'replies': {
			const text = o.replies
				.map((r, i) => formatReply(r, { raw: o.raw, resp3: o.resp3?.[i] === true }))
				.join('');
			const failed = o.replies.length > 0 && o.replies.every((r) => r.type === 'error');
			return {
				output: binaryToUtf8(text).replace(/\n$/, ''),
				tone: failed ? 'error' : 'reply',
				notes: [],
			};
		}
		case 'invalid':
			return { output: 'Invalid argument(s)', tone: 'invalid', notes: [] };
		case 'repeat-error':
			return { output: 'Invalid redis-cli repeat command option value.', tone: 'error', notes: [] };
		case 'restart':
			return { output: "Use 'restart' only in Lua debugging mode.", tone: 'error', notes: [] };
		case 'closed':
			return { output: '', tone: 'reply', notes: [] };
		case 'refused':
			return { output: CONNECTION_REFUSED, tone: 'error', notes: [] };
		case 'help-intro':
			return local(HELP_INTRO);
		case 'help':
			return o.spec ? local(specHelp(o.spec), o.notes) : local('');
		case 'meta-help':
			return local(META_HELP);
		case 'advanced':
			return local(`Clock moved forward ${formatDuration(o.ms)}.`);
		case 'speed':
			return local(`Clock speed ${o.speed}×.`);
		case 'usage':
			return local(
				o.command === ':speed' ? `Usage: :speed <${o.speeds.join('|')}>` : USAGE[o.command],
			);
		case 'unknown-meta':
			return local(`Unknown playground command ${o.name}. Type :help for the list.`);
		case 'quit':
			return local(
				'This Redis lives in your browser tab, so there is nothing to quit. :reset starts over.',
			);
		case 'connect':
			return local('Cache Lab has one Redis, inside this page: there is nowhere else to connect.');
		case 'monitor':
			return local(
				'MONITOR turns a connection into a stream of every command the server runs, which ' +
					'redis-cli shows until Ctrl+C closes it. This console answers one line at a time, ' +
					'so it does not switch to that mode: the Event log tells what the engine does.',
			);
	}
}
