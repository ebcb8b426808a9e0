// The command table (server.c's populateCommandTable over src/commands/*.json): every command the
// engine knows, keyed by lower-case name. Built on first use so command modules may import dispatch.
//
// The data-type families (bitmaps, SORT, hashes, lists, sets, sorted sets), the introspection
// containers COMMAND, CLIENT, MEMORY and LATENCY, and DEBUG are in their own module, loaded
// by loadAllCommands(): on the page they are a separate download, so the first screen does not wait
// for code that only those commands need. Until it has run their names are in LAZY_COMMANDS, and
// dispatch refuses them (assertCommandLoaded: exec answers "ERR internal engine error: …") rather
// than reply "unknown command" as if that were Redis's answer. The page waits for the load before
// it runs such a line, so neither reply ever reaches a learner or a log.
import type { CommandSpec } from '../command.ts';
import { connectionCommands } from './connection.ts';
import { expiryCommands } from './expiry.ts';
import { keysCommands } from './keys.ts';
import { LAZY_COMMANDS } from './lazy-names.ts';
import { serverCommands } from './server.ts';
import { stringsCommands } from './strings.ts';
import { transactionsCommands } from './transactions.ts';

type Families = typeof import('./families.ts');
type Group = readonly CommandSpec[];

let table: Map<string, CommandSpec> | null = null;
let families: Families | null = null;
let loading: Promise<void> | null = null;

/** The groups in the order the table lists them (COMMAND, COMMAND LIST); families once loaded. */
function groups(f: Families | null): Group[] {
	const none: Group = [];
	return [
		stringsCommands,
		f?.bitmapCommands ?? none,
		keysCommands,
		f?.sortCommands ?? none,
		expiryCommands,
		f?.hashesCommands ?? none,
		f?.listsCommands ?? none,
		f?.setsCommands ?? none,
		f?.zsetsCommands ?? none,
		serverCommands,
		f ? [f.debugCommand] : none,
		f ? [f.memoryCommand] : none,
		f ? [f.latencyCommand] : none,
		f ? [f.slowlogCommand] : none,
		f?.commandCommands ?? none,
		connectionCommands,
		f ? [f.clientCommand] : none,
		transactionsCommands,
	];
}

export function commandTable(): ReadonlyMap<string, CommandSpec> {
	if (table) return table;
	table = new Map();
	for (const group of groups(families))
		for (const spec of group) table.set(spec.name.toLowerCase(), spec);
	return table;
}

/** Whether every command's code is in: true once loadAllCommands() has resolved. */
export function allCommandsLoaded(): boolean {
	return families !== null;
}

/**
 * Loads the data-type families and adds them to the table. Idempotent: every call after the first
 * returns the same promise. Node (tests, the RESP server, workers) awaits it once at start-up.
 */
export function loadAllCommands(): Promise<void> {
	loading ??= import('./families.ts').then((m) => {
		families = m;
		table = null;
	});
	return loading;
}

/**
 * Whether a typed command's code is still to be loaded: its name (any case) is one of the families'
 * and loadAllCommands() has not resolved yet.
 */
export function commandNeedsLoading(name: string): boolean {
	return !families && LAZY_COMMANDS.has(name.toLowerCase());
}

/** Throws when a family command arrives before its code: a bug in the caller, not a Redis reply. */
export function assertCommandLoaded(name: string): void {
	if (commandNeedsLoading(name))
		throw new Error(`${name}: its code is not loaded yet (await loadAllCommands() first)`);
}
