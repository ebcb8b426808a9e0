import { describe, expect, it } from 'vitest';
import { runSweep, type SweepOptions } from '../engine/experiments/index.ts';
import { answer } from './labs-answer.ts';
import { LabsClient, workerCount, workerSweeps, type WorkerLike } from './labs-client.ts';
import type { LabsReply, LabsRequest } from './labs-protocol.ts';

/** A worker that answers on a later task, as a real one does; it records what it was sent. */
class FakeWorker implements WorkerLike {
	onmessage: ((e: { readonly data: LabsReply }) => void) | null = null;
	onerror: ((e: unknown) => void) | null = null;
	readonly received: LabsRequest[] = [];
	terminated = false;
	constructor(private readonly reply: (r: LabsRequest) => LabsReply = answer) {}
	postMessage(message: LabsRequest): void {
		this.received.push(message);
		setTimeout(() => {
			if (!this.terminated) this.onmessage?.({ data: this.reply(message) });
		}, 0);
	}
	terminate(): void {
		this.terminated = true;
	}
}

const options: SweepOptions = {
	workload: { keys: 300, alpha: 1, requests: 3000, seed: 3 },
	sizes: [0.1, 0.3],
	policies: ['allkeys-lru', 'allkeys-random', 'volatile-lru'],
};
const fleet = () => {
	const workers: FakeWorker[] = [];
	const spawn = async () => {
		const w = new FakeWorker();
		workers.push(w);
		return w;
	};
	return { workers, spawn };
};

describe('Labs client', () => {
	it('uses one worker per core, at least one and at most four', () => {
		expect(workerCount(undefined)).toBe(1);
		expect(workerCount(0)).toBe(1);
		expect(workerCount(2)).toBe(2);
		expect(workerCount(16)).toBe(4);
	});

	it('splits a sweep across its workers and returns what runSweep returns', async () => {
		const { workers, spawn } = fleet();
		const progress: [number, number][] = [];
		const run = new LabsClient(spawn, 2).sweep(options, (d, t) => progress.push([d, t]));
		const result = await run.result;
		expect(result).toEqual(runSweep(options));
		expect(workers).toHaveLength(2);
		for (const w of workers) expect(w.received.length).toBeGreaterThan(2);
		expect(workers.flatMap((w) => w.received.map((r) => r.id)).sort((a, b) => a - b)).toEqual(
			Array.from({ length: 10 }, (_, i) => i),
		);
		expect(progress).toEqual(Array.from({ length: 11 }, (_, i) => [i, 10]));
		expect(workers.every((w) => w.terminated)).toBe(true);
	});

	it('cancel terminates the workers and resolves to null', async () => {
		const { workers, spawn } = fleet();
		const progress: number[] = [];
		const run = new LabsClient(spawn, 2).sweep(options, (d) => {
			progress.push(d);
			if (d === 3) run.cancel();
		});
		expect(await run.result).toBeNull();
		await new Promise((r) => setTimeout(r, 20));
		expect(Math.max(...progress)).toBe(3);
		expect(workers.every((w) => w.terminated)).toBe(true);
	});

	it('a worker that fails ends the sweep with its message', async () => {
		const workers: FakeWorker[] = [];
		const spawn = async () => {
			const w = new FakeWorker((r) => ({ type: 'error', id: r.id, message: 'boom' }));
			workers.push(w);
			return w;
		};
		await expect(new LabsClient(spawn, 1).sweep(options, () => {}).result).rejects.toThrow('boom');
		expect(workers[0]!.terminated).toBe(true);
	});

	it('asks one helper worker for figures, the LFU table and single runs, then disposes of it', async () => {
		const { workers, spawn } = fleet();
		const client = new LabsClient(spawn, 2);
		const [figure, table] = await Promise.all([
			client.figure({ variant: 'true-lru' }),
			client.lfuTable(1),
		]);
		expect(figure.summary.oldestHalfEvicted).toBe(100);
		expect(table).toHaveLength(4);
		const over = await client.overTime(options, 'allkeys-lru', 0.1, 1000);
		expect(over.points).toHaveLength(3);
		expect(workers).toHaveLength(1);
		client.dispose();
		await new Promise((r) => setTimeout(r, 0));
		expect(workers[0]!.terminated).toBe(true);
	});

	it('sweeps on the page’s thread where no Worker exists', async () => {
		const { workers, spawn } = fleet();
		const fallback = () => ({ result: Promise.resolve(null), cancel: () => {} });
		expect(await workerSweeps(fallback, spawn, false)(options, () => {}).result).toBeNull();
		expect(workers).toHaveLength(0);
		const viaWorkers = await workerSweeps(fallback, spawn, true)(options, () => {}).result;
		expect(viaWorkers?.cells).toHaveLength(10);
		expect(workers.length).toBeGreaterThan(0);
	});
});
