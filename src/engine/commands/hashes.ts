// Commands of Redis's "hashes" group.
import type { CommandSpec } from '../command.ts';

export const hashesCommands: readonly CommandSpec[] = [];
