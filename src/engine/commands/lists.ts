// Mirrors src/t_list.c's command table entries: every list command, gathered from the files that
// hold them (reads, in-place writes, pops and moves, and the blocking forms).
import type { CommandSpec } from '../command.ts';
import { listBlockingCommands } from './list-blocking.ts';
import { listPopCommands } from './list-pop.ts';
import { listReadCommands } from './list-read.ts';
import { listWriteCommands } from './list-write.ts';

export const listsCommands: readonly CommandSpec[] = [
	...listWriteCommands,
	...listPopCommands,
	...listReadCommands,
	...listBlockingCommands,
];
