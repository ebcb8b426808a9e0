// Mirrors src/evict.c. Placeholder until the eviction work lands: with maxmemory set, nothing can be
// freed, so noeviction's answer (FAIL when over the limit) is given for every policy.
import type { Server } from './server.ts';
import { usedMemory } from './stats.ts';

export type EvictResult = 'ok' | 'running' | 'fail';

export function performEvictions(server: Server): EvictResult {
	return usedMemory(server) <= server.config.maxmemory ? 'ok' : 'fail';
}
