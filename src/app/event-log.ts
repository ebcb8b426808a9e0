// The event log's sentences now live in sentences.ts; this door stays for older imports.
export { describeEvent, formatEntry, type LogArea, type LogEntry } from './sentences.ts';
