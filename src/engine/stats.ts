// Derived figures INFO, MEMORY and the UI share: used_memory from the model in memory.ts.
import { USED_MEMORY_BASELINE } from './memory.ts';
import type { Server } from './server.ts';

/** used_memory: baseline + every database's keys + hash-table slots + client buffers. */
export function usedMemory(server: Server): number {
	let total = USED_MEMORY_BASELINE + server.clientBufferBytes;
	for (const db of server.dbs) total += db.bytes + 8 * (db.slots + db.expiresSlots);
	return total;
}
