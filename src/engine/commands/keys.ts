// Commands of Redis's "keys" group.
import type { CommandSpec } from '../command.ts';

export const keysCommands: readonly CommandSpec[] = [];
