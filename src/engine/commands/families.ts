// The commands of src/commands/*.json that the first screen does not need: the data types of
// bitops.c, sort.c, t_list.c, t_set.c, t_zset.c and t_hash.c, the introspection containers
// COMMAND, CLIENT, MEMORY and LATENCY, and DEBUG (its DIGEST carries a SHA-1 of its own).
// Loaded on demand by loadAllCommands().
export { bitmapCommands } from './bitmaps.ts';
export { sortCommands } from './sort.ts';
export { hashesCommands } from './hashes.ts';
export { listsCommands } from './lists.ts';
export { setsCommands } from './sets.ts';
export { zsetsCommands } from './zsets.ts';
export { memoryCommand } from './memory-command.ts';
export { commandCommands } from './command-command.ts';
export { clientCommand } from './client-command.ts';
export { latencyCommand } from './latency-command.ts';
export { slowlogCommand } from './slowlog-command.ts';
export { debugCommand } from './debug-command.ts';
