// Binary strings (one JS char per byte, 0–255) to and from UTF-16 text.
// The engine holds bytes like Redis's sds; the console and UI speak text (redis-cli reads a UTF-8 tty).

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8'); // non-fatal: invalid bytes become U+FFFD

/** Encodes text as UTF-8 and returns the bytes as a binary string: `'café'` → `'caf\xC3\xA9'`. */
export function utf8ToBinary(text: string): string {
	const bytes = encoder.encode(text);
	let out = '';
	for (let i = 0; i < bytes.length; i += 0x2000) {
		out += String.fromCharCode(...bytes.subarray(i, i + 0x2000));
	}
	return out;
}

/** Decodes a binary string as UTF-8 for display; invalid sequences become U+FFFD (lossy). */
export function binaryToUtf8(binary: string): string {
	const bytes = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i) & 0xff;
	return decoder.decode(bytes);
}

/** True when every char of `s` is a byte (code 0–255). */
export function isBinary(s: string): boolean {
	for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return false;
	return true;
}
