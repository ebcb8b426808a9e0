// Mirrors src/t_zset.c's command table entries: every sorted-set command, gathered from the files
// that hold them (adding, reading, ranges, removal, set operations, random picks, scans, pops and
// blocking pops).
import type { CommandSpec } from '../command.ts';
import { zsetAddCommands } from './zset-add.ts';
import { zsetBlockingCommands } from './zset-blocking.ts';
import { zsetPopCommands } from './zset-pop.ts';
import { zsetRandomCommands } from './zset-random.ts';
import { zsetRangeCommands } from './zset-range.ts';
import { zsetReadCommands } from './zset-read.ts';
import { zsetRemCommands } from './zset-rem.ts';
import { zsetScanCommands } from './zset-scan.ts';
import { zsetSetopCommands } from './zset-setops.ts';

export const zsetsCommands: readonly CommandSpec[] = [
	...zsetAddCommands,
	...zsetReadCommands,
	...zsetRangeCommands,
	...zsetRemCommands,
	...zsetSetopCommands,
	...zsetRandomCommands,
	...zsetScanCommands,
	...zsetPopCommands,
	...zsetBlockingCommands,
];
