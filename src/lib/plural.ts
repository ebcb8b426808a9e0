// Counted nouns for the UI: `1 key`, `2 keys`, `1 entry`, `3 entries`.

// One formatter for every call: Number#toLocaleString builds a new one each time, which costs
// more than the rest of a sentence (the event log writes hundreds a frame while keys expire).
const EN = new Intl.NumberFormat('en-US');

/** `n` and the noun, singular for exactly 1 (the plural defaults to noun + `s`). */
export function plural(n: number, noun: string, nouns = `${noun}s`): string {
	return `${EN.format(n)} ${n === 1 ? noun : nouns}`;
}

/** `n` with thousands separators, as `plural` writes it: `10,000`. */
export function count(n: number): string {
	return EN.format(n);
}
