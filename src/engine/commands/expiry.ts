// Commands of Redis's "expiry" group.
import type { CommandSpec } from '../command.ts';

export const expiryCommands: readonly CommandSpec[] = [];
