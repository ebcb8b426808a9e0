// Mirrors addReplyHelp() in src/networking.c: the `<CMD> HELP` replies, status lines under a fixed
// first line and above a fixed last pair.
import type { CommandSpec, SubcommandFields } from '../command.ts';
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

/**
 * The HELP subcommand of a container (CLIENT, CONFIG…), made with the container's `sub`: the same
 * arity, flags and summary everywhere, only the version differing from the container's.
 */
export function helpSubcommand(
	sub: (name: string, fields: SubcommandFields) => CommandSpec,
	command: string,
	lines: readonly string[],
	since?: string,
): CommandSpec {
	return sub('HELP', {
		arity: 2,
		summary: 'Returns helpful text about the different subcommands.',
		run: () => helpReply(command, lines),
		flags: ['loading', 'stale'],
		...(since === undefined ? {} : { since }),
	});
}
