// Durations as people type them in the console (`:advance 90s`, `1h30m`) and as the UI shows them.

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses `250ms`, `10s`, `5m`, `1h30m`, `2d` or a bare number of seconds; null when unreadable. */
export function parseDuration(text: string): number | null {
	const t = text.trim().toLowerCase();
	if (/^\d+(\.\d+)?$/.test(t)) return Math.round(Number(t) * 1000);
	const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;
	let total = 0;
	let matched = 0;
	for (let m = re.exec(t); m; m = re.exec(t)) {
		total += Number(m[1]) * UNITS[m[2]!]!;
		matched = re.lastIndex;
	}
	return matched === t.length && matched > 0 ? Math.round(total) : null;
}

/**
 * The one way the UI writes a duration (TTLs, idle times, clock moves): `850ms`, `4.2s`, `42s`,
 * `5m 03s`, `11h 54m`, `3d 4h`. `whole` is for values kept in whole seconds (idle time): `0s`, `5s`.
 */
export function formatDuration(ms: number, { whole = false }: { whole?: boolean } = {}): string {
	const a = Math.abs(ms);
	const sign = ms < 0 ? '-' : '';
	if (whole && a < 60_000) return `${sign}${Math.floor(a / 1000)}s`;
	if (a < 1000) return `${sign}${Math.round(a)}ms`;
	if (a < 10_000) return `${sign}${(Math.floor(a / 100) / 10).toFixed(1)}s`;
	const s = Math.floor(a / 1000);
	const pad = (n: number) => String(n).padStart(2, '0');
	if (a < 60_000) return `${sign}${s}s`;
	if (a < 3_600_000) return `${sign}${Math.floor(s / 60)}m ${pad(s % 60)}s`;
	if (a < 86_400_000) return `${sign}${Math.floor(s / 3600)}h ${pad(Math.floor(s / 60) % 60)}m`;
	return `${sign}${Math.floor(s / 86400)}d ${Math.floor(s / 3600) % 24}h`;
}

/** `12:00:05` in UTC: the virtual clock's wall time. */
export function formatClockTime(ms: number): string {
	return new Date(ms).toISOString().slice(11, 19);
}

/** `2026-01-01 12:00:05 UTC`. */
export function formatClockDate(ms: number): string {
	const iso = new Date(ms).toISOString();
	return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}
