// The config facts that call() and processCommand (src/server.c) read for every command, worked
// out once when the server's config object changes (CONFIG SET replaces it), where each was read
// from the parameter's stored text or looked up by config identity on every command.
import { storedConfig, type Config } from './config.ts';
import { saveParams } from './persistence.ts';

export interface HotConfig {
	/** latency-tracking: each call's latency goes into its command's histogram. */
	readonly latencyTracking: boolean;
	/** slowlog-log-slower-than in µs; negative turns the slow log off. */
	readonly slowlogSlowerThan: number;
	readonly slowlogMaxLen: number;
	/**
	 * checkGoodReplicasStatus with no replica ever connected: false when min-replicas-to-write and
	 * min-replicas-max-lag are both set, which refuses every write.
	 */
	readonly replicasGood: boolean;
	/** server.saveparams: the save points a write's dirty count is compared with. */
	readonly saveParams: readonly { readonly seconds: number; readonly changes: number }[];
}

export function hotConfig(config: Config): HotConfig {
	return {
		latencyTracking: storedConfig(config, 'latency-tracking') !== 'no',
		slowlogSlowerThan: Number(storedConfig(config, 'slowlog-log-slower-than')),
		slowlogMaxLen: Number(storedConfig(config, 'slowlog-max-len')),
		replicasGood:
			storedConfig(config, 'min-replicas-max-lag') === '0' ||
			storedConfig(config, 'min-replicas-to-write') === '0',
		saveParams: saveParams(config),
	};
}
