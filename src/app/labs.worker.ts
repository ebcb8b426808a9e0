// A Web Worker for the Labs: runs sweep cells, LRU figure panels, the LFU table and single
// hit-rate runs off the page's thread. Several run side by side (labs-client.ts); each rebuilds a
// sweep's trace from its seed, which is cheaper than shipping the trace across.
import { answer } from './labs-answer.ts';
import type { LabsReply, LabsRequest } from './labs-protocol.ts';

const scope = self as unknown as {
	onmessage: ((e: MessageEvent<LabsRequest>) => void) | null;
	postMessage(message: LabsReply): void;
};

scope.onmessage = (e) => scope.postMessage(answer(e.data));
