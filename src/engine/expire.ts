// Mirrors src/expire.c's active expire cycle. Placeholder until the expiry work lands: the cycle
// does nothing yet, so keys past their TTL leave only through lazy expiry.
import type { Server } from './server.ts';

export function activeExpireCycle(server: Server): void {
	void server;
}
