// Commands of Redis's "server" group.
import type { CommandSpec } from '../command.ts';

export const serverCommands: readonly CommandSpec[] = [];
