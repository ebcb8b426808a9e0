// The command table (server.c's populateCommandTable over src/commands/*.json): every command the
// engine knows, keyed by lower-case name. Built on first use so command modules may import dispatch.
import type { CommandSpec } from '../command.ts';
import { bitmapCommands } from './bitmaps.ts';
import { commandCommands } from './command-command.ts';
import { connectionCommands } from './connection.ts';
import { expiryCommands } from './expiry.ts';
import { hashesCommands } from './hashes.ts';
import { keysCommands } from './keys.ts';
import { listsCommands } from './lists.ts';
import { serverCommands } from './server.ts';
import { setsCommands } from './sets.ts';
import { sortCommands } from './sort.ts';
import { stringsCommands } from './strings.ts';
import { transactionsCommands } from './transactions.ts';
import { zsetsCommands } from './zsets.ts';

let table: Map<string, CommandSpec> | null = null;

export function commandTable(): ReadonlyMap<string, CommandSpec> {
	if (table) return table;
	table = new Map();
	for (const group of [
		stringsCommands,
		bitmapCommands,
		keysCommands,
		sortCommands,
		expiryCommands,
		hashesCommands,
		listsCommands,
		setsCommands,
		zsetsCommands,
		serverCommands,
		commandCommands,
		connectionCommands,
		transactionsCommands,
	])
		for (const spec of group) table.set(spec.name.toLowerCase(), spec);
	return table;
}
