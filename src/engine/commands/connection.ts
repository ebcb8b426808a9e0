// Commands of Redis's "connection" group.
import type { CommandSpec } from '../command.ts';

export const connectionCommands: readonly CommandSpec[] = [];
