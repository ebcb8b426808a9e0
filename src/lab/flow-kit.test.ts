import { describe, expect, it, vi } from 'vitest';

describe('the flow runtime loaded on demand', () => {
	it('a world without lanes snapshots before it is in; a request needs it', async () => {
		vi.resetModules();
		const kit = await import('./flow-kit.ts');
		const { World } = await import('./world.ts');
		expect(kit.flowRuntimeLoaded()).toBe(false);
		const world = new World({ seed: 1, startMs: 0 });
		expect(world.canSnapshot).toBe(true);
		const copy = new World({ seed: 1, startMs: 0 }, world.snapshot());
		expect(copy.lanes).toEqual([]);
		expect(() => kit.flowRuntime()).toThrow(/not loaded yet/);

		const runtime = await kit.loadFlowRuntime();
		expect(kit.flowRuntimeLoaded()).toBe(true);
		expect(kit.flowRuntime()).toBe(runtime);
		const rt = world.lane({ id: 'r1', label: '#1 get_user(1)', role: 'reader' });
		runtime.startRequest(
			rt,
			{ kind: 'read', options: { userId: 1, ttlSeconds: 300, guard: 'none' } },
			world,
		);
		expect(runtime.isRunning(rt)).toBe(true);
		expect(world.snapshot().lanes).toHaveLength(1);
		world.dispose();
		copy.dispose();
	});
});
