// Syntax hints and Tab completion, in the spirit of redis-cli's hints (cliInitHelp / cliRefreshHints):
// after the command name, show the arguments still to type, dropping one per argument typed.
import type { CommandSpec } from '../engine/index.ts';

/** Splits a syntax line into argument groups, keeping `[...]` and `(...)` groups whole. */
export function syntaxTokens(syntax: string): string[] {
	const out: string[] = [];
	let depth = 0;
	let cur = '';
	for (const ch of syntax) {
		if (ch === '[' || ch === '(') depth++;
		if (ch === ']' || ch === ')') depth--;
		if (ch === ' ' && depth === 0) {
			if (cur) out.push(cur);
			cur = '';
		} else cur += ch;
	}
	if (cur) out.push(cur);
	return out;
}

export interface Hint {
	/** The command as the table names it, e.g. `SETEX`. */
	readonly command: string;
	/** What is still to type, e.g. `seconds value`; '' when every required argument is there. */
	readonly remaining: string;
}

/** Words typed so far (naive split is enough for hints) and whether the line ends in a space. */
function words(line: string): { parts: string[]; trailingSpace: boolean } {
	const parts = line.trim().split(/\s+/).filter(Boolean);
	return { parts, trailingSpace: /\s$/.test(line) };
}

/** The hint for a partly typed line, or null when the first word is not a known command. */
export function hintFor(line: string, specs: readonly CommandSpec[]): Hint | null {
	const { parts, trailingSpace } = words(line);
	const name = parts[0]?.toUpperCase();
	if (!name) return null;
	let spec = specs.find((s) => s.name === name);
	if (!spec) return null;
	let consumed = parts.length - 1;
	if (spec.subcommands && parts[1]) {
		const sub = spec.subcommands.find((s) => s.name === `${name}|${parts[1]!.toUpperCase()}`);
		if (sub) {
			spec = sub;
			consumed = parts.length - 2;
		}
	}
	if (!trailingSpace && consumed >= 0 && parts.length > 1) consumed--;
	if (!trailingSpace && parts.length === 1) return { command: spec.name, remaining: spec.syntax };
	const tokens = syntaxTokens(spec.syntax);
	const remaining = tokens.slice(Math.max(0, consumed + (trailingSpace ? 0 : 1)));
	return { command: spec.name, remaining: remaining.join(' ') };
}

/**
 * Tab completion: the first word completes to command names, later words to existing keys.
 * Returns the candidate lines, sorted; the caller cycles through them.
 */
export function completions(
	line: string,
	specs: readonly CommandSpec[],
	keys: readonly string[],
): string[] {
	const m = /^(.*?)(\S*)$/.exec(line);
	const head = m?.[1] ?? '';
	const word = m?.[2] ?? '';
	const isFirst = head.trim() === '';
	const pool = isFirst ? specs.map((s) => s.name) : keys;
	const lower = word.toLowerCase();
	const hits = pool.filter((c) => c.toLowerCase().startsWith(lower));
	const typedLower = isFirst && word !== '' && word === word.toLowerCase();
	return [...new Set(hits)]
		.sort()
		.map((c) => `${head}${typedLower ? c.toLowerCase() : c}${isFirst ? ' ' : ''}`);
}

/** redis-cli's `help <command>` text (cliOutputCommandHelp). */
export function helpText(name: string, specs: readonly CommandSpec[]): string {
	const spec = findSpec(name, specs);
	return spec ? specHelp(spec) : '';
}

/** The command table's entry for a `help` topic, or null (redis-cli then prints nothing). */
export function findSpec(name: string, specs: readonly CommandSpec[]): CommandSpec | null {
	return specs.find((s) => s.name === name.toUpperCase()) ?? null;
}

/** cliOutputCommandHelp for one command: syntax, summary, since, group, between blank lines. */
export function specHelp(spec: CommandSpec): string {
	return [
		'',
		`  ${spec.name} ${spec.syntax}`.trimEnd(),
		`  summary: ${spec.summary}`,
		`  since: ${spec.since}`,
		`  group: ${spec.group}`,
		'',
	].join('\n');
}
