// What components need to show engine data as text: the app re-exports it so ui/ depends on app/
// only (DESIGN.md §3), and the choice of formatter stays in one place.
export { binaryToUtf8 as showBytes } from '../console/bytes.ts';
export { completions, hintFor } from '../console/hints.ts';
export { bytesToHuman } from '../engine/index.ts';
