// Mirrors the RESP3 branches of t_hash.c and t_zset.c's reply code (hrandfieldWithCountCommand,
// zrangeResultEmit*, zrandmemberWithCountCommand, zunionInterDiffGenericCommand,
// genericZpopCommand): the engine replies field, value, field… flat, as RESP2 frames it, and a
// RESP3 connection gets [field, value] pairs instead.

/** Sorted-set replies that carry scores when WITHSCORES follows the key (or, for the set
 * operations, the keys). */
const WITHSCORES_FROM: Record<string, (argv: readonly string[]) => number> = {
	zrange: () => 2,
	zrevrange: () => 2,
	zrangebyscore: () => 2,
	zrevrangebyscore: () => 2,
	zunion: (argv) => 2 + Math.max(0, Number(argv[1]) || 0),
	zinter: (argv) => 2 + Math.max(0, Number(argv[1]) || 0),
	zdiff: (argv) => 2 + Math.max(0, Number(argv[1]) || 0),
};

/** Does this command's array reply go out as pairs on a RESP3 connection? */
export function pairsInResp3(argv: readonly string[]): boolean {
	const name = (argv[0] ?? '').toLowerCase();
	if (name === 'hrandfield' || name === 'zrandmember') return argv.length === 4;
	// ZPOPMIN/ZPOPMAX nest only with an explicit count.
	if (name === 'zpopmin' || name === 'zpopmax') return argv.length === 3;
	const from = WITHSCORES_FROM[name];
	if (from === undefined) return false;
	return argv.slice(from(argv)).some((a) => a.toLowerCase() === 'withscores');
}
