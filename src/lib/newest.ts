// The newest few items of a long history that pass a filter, found from its end: the event log
// keeps every event of the session (tens of thousands while keys expire at 600×) and shows 200.

/** The last `n` items of `all` for which `keep` holds, oldest first, reading no more than needed. */
export function newest<T>(all: readonly T[], keep: (item: T) => boolean, n: number): T[] {
	const out: T[] = [];
	for (let i = all.length - 1; i >= 0 && out.length < n; i--) {
		const item = all[i]!;
		if (keep(item)) out.push(item);
	}
	return out.reverse();
}
