// Commands of Redis's "transactions" group.
import type { CommandSpec } from '../command.ts';

export const transactionsCommands: readonly CommandSpec[] = [];
