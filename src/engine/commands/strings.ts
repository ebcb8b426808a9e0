// Mirrors src/t_string.c: the string commands, gathered from the files that implement them.
import type { CommandSpec } from '../command.ts';
import { appendCommands } from './append.ts';
import { getexCommands } from './getex.ts';
import { incrCommands } from './incr.ts';
import { lcsCommands } from './lcs.ts';
import { msetCommands } from './mset.ts';
import { setCommands } from './set.ts';
import { stringReadCommands } from './string-read.ts';

export const stringsCommands: readonly CommandSpec[] = [
	...stringReadCommands,
	...setCommands,
	...getexCommands,
	...msetCommands,
	...incrCommands,
	...appendCommands,
	...lcsCommands,
];
