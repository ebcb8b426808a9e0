// Mirrors addReplyHelp() in src/networking.c: the `<CMD> HELP` replies, status lines under a fixed
// first line and above a fixed last pair.
import { array, status, type Reply } from '../reply.ts';

/** `lines` are the per-subcommand lines, already indented as Redis indents them. */
export function helpReply(command: string, lines: readonly string[]): Reply {
	return array(
		[
			`${command} <subcommand> [<arg> [value] [opt] ...]. Subcommands are:`,
			...lines,
			'HELP',
			'    Prints this help.',
		].map(status),
	);
}
