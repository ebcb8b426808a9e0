// Tables as CSV text (RFC 4180), for the Copy CSV buttons.

/** A field with a comma, a quote or a line break is quoted, its quotes doubled; rows end in CRLF. */
export function toCsv(rows: readonly (readonly (string | number)[])[]): string {
	const field = (v: string | number) => {
		const s = String(v);
		return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
	};
	return rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}
