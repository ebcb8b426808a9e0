// The listpack/skiplist conversions of src/t_zset.c that the rest of the keyspace needs too
// (rdbLoadObject's tail, used when a snapshot is loaded), kept apart from the sorted-set commands.
import type { Config } from './config.ts';
import type { ZsetObject } from './object.ts';

/**
 * rdbLoadObject's sorted-set tail: a skiplist small enough again becomes a listpack, and a skiplist
 * that stays one gets a dict sized for its members at once (dictTryExpand).
 */
export function zsetLoaded(config: Config, obj: ZsetObject): void {
	convertToListpackIfFits(config, obj, obj.value.longestMember());
	if (obj.encoding === 'skiplist') obj.value.resetDict();
}

/** zsetConvertToListpackIfNeeded, used by the commands that store a computed zset. */
export function convertToListpackIfFits(
	config: Config,
	obj: ZsetObject,
	maxMemberLength: number,
): void {
	if (obj.encoding === 'listpack') return;
	if (
		obj.value.size > config['zset-max-listpack-entries'] ||
		maxMemberLength > config['zset-max-listpack-value']
	)
		return;
	obj.encoding = 'listpack';
	// A listpack keeps an integral score as an integer (double2ll), which has no negative zero.
	for (const x of obj.value.nodes()) if (Object.is(x.score, -0)) x.score = 0;
	obj.value.trackListpack(true);
}
