// Mirrors src/t_set.c's command table entries: every set command, gathered from the files that hold
// them (writes, reads, set operations, random draws).
import type { CommandSpec } from '../command.ts';
import { setOpCommands } from './set-ops.ts';
import { setRandomCommands } from './set-random.ts';
import { setReadCommands } from './set-read.ts';
import { setWriteCommands } from './set-write.ts';

export const setsCommands: readonly CommandSpec[] = [
	...setWriteCommands,
	...setReadCommands,
	...setOpCommands,
	...setRandomCommands,
];
