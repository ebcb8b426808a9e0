// Counted nouns for the UI: `1 key`, `2 keys`, `1 entry`, `3 entries`.

/** `n` and the noun, singular for exactly 1 (the plural defaults to noun + `s`). */
export function plural(n: number, noun: string, nouns = `${noun}s`): string {
	return `${n.toLocaleString('en-US')} ${n === 1 ? noun : nouns}`;
}
