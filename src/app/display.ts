// What components need to show engine data as text: the app re-exports it so ui/ depends on app/
// only (the dependency rules in src/README.md), and the choice of formatter stays in one place.
import { binaryToUtf8 } from '../console/bytes.ts';
import { escapeByte } from '../console/format.ts';

export { completions, hintFor } from '../console/hints.ts';
export { entryText, type ConsoleTone, type EntryText } from '../console/line-text.ts';
export { bytesToHuman, freqAt, idleSecondsAt, isLfuPolicy } from '../engine/index.ts';

// C0 controls and DEL have no glyph: a value padded with NUL bytes (DEBUG POPULATE's) would draw
// as empty boxes, so they are shown the way redis-cli quotes them.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/g;

/** A key or value (bytes) as text for a panel: UTF-8 decoded, control bytes escaped. */
export function showBytes(binary: string): string {
	return binaryToUtf8(binary).replace(CONTROL, escapeByte);
}
