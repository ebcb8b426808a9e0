// The data-type command families of src/commands/*.json that the first screen does not need:
// bitops.c, sort.c, t_list.c, t_set.c and t_zset.c. Loaded on demand by loadAllCommands().
export { bitmapCommands } from './bitmaps.ts';
export { sortCommands } from './sort.ts';
export { listsCommands } from './lists.ts';
export { setsCommands } from './sets.ts';
export { zsetsCommands } from './zsets.ts';
