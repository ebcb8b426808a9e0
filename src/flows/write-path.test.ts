import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { flowFixture } from './flow-fixture.test-util.ts';
import type { WriteOptions } from './flow-options.ts';
import { opText } from './trace.ts';
import { createWritePathMachine, writeLine } from './write-path.ts';

const base: WriteOptions = {
	userId: 3,
	changes: { name: 'Bob' },
	strategy: 'update-then-del',
	ttlSeconds: 60,
	guard: 'none',
	retryDelete: false,
	doubleDeleteMs: null,
};

function run(fx: ReturnType<typeof flowFixture>, options: Partial<WriteOptions>) {
	const deps = fx.lane();
	const actor = createActor(createWritePathMachine(deps), {
		input: { ...base, ...options },
		clock: fx.clock,
	}).start();
	const steps: string[] = [];
	while (actor.getSnapshot().status !== 'done') {
		actor.send({ type: 'step.next' });
		const s = actor.getSnapshot();
		const ops = (s.context.trace?.ops ?? []).map(opText).join('; ');
		steps.push(`${String(s.value)} [${writeLine(s)}] ${ops}`.trim());
	}
	return { steps, deps, context: actor.getSnapshot().context };
}

const UPDATE = "UPDATE users SET name = 'Bob', version = 2 WHERE id = 3 → 1 row";

describe('write path (update_user)', () => {
	it('db-only: the cache is not touched', () => {
		const { steps } = run(flowFixture(), { strategy: 'db-only' });
		expect(steps).toEqual([`updatingDb [update] ${UPDATE}`, 'done [return]']);
	});

	it('update then DEL (the recommended path)', () => {
		const fx = flowFixture();
		fx.engine.exec(['SET', 'user:3', 'old']);
		const { steps } = run(fx, {});
		expect(steps).toEqual([
			`updatingDb [update] ${UPDATE}`,
			'deletingCache [delete] DEL user:3 → (integer) 1',
			'done [return]',
		]);
		expect(fx.db.peek(3)).toMatchObject({ name: 'Bob', version: 2 });
	});

	it('DEL then update (wrong order), with and without the delayed double delete', () => {
		expect(run(flowFixture(), { strategy: 'del-then-update' }).steps).toEqual([
			'deletingFirst [delete-first] DEL user:3 → (integer) 0',
			`updatingDb [update] ${UPDATE}`,
			'done [return]',
		]);
		const fixed = run(flowFixture(), { strategy: 'del-then-update', doubleDeleteMs: 200 });
		expect(fixed.steps[2]).toBe('deletingAgain [delete-again] DEL user:3 → (integer) 0');
		// 1 ms DEL + 140 ms UPDATE (120 base + 20 write) + 200 ms pause + 1 ms DEL.
		expect(fixed.context.elapsedMs).toBe(342);
	});

	it('update then SET (dual write), with and without a TTL', () => {
		const fx = flowFixture();
		const { steps } = run(fx, { strategy: 'update-then-set' });
		const json = JSON.stringify(fx.db.peek(3));
		expect(steps[1]).toBe(`settingCache [set] SET user:3 '${json}' EX 60 → OK`);
		const noTtl = run(flowFixture(), { strategy: 'update-then-set', ttlSeconds: null });
		expect(noTtl.steps[1]).toBe(`settingCache [set] SET user:3 '${json}' → OK`);
	});

	it('a failed DEL is retried after a backoff when retry is on', () => {
		const fx2 = flowFixture();
		const lane = fx2.lane();
		const actor = createActor(createWritePathMachine(lane), {
			input: { ...base, retryDelete: true },
			clock: fx2.clock,
		}).start();
		actor.send({ type: 'step.next' });
		lane.cache.link = 'timeout';
		actor.send({ type: 'step.next' });
		expect(actor.getSnapshot().value).toBe('deletingCache');
		expect(actor.getSnapshot().context.redisError?.code).toBe('ETIMEDOUT');
		lane.cache.link = 'up';
		actor.send({ type: 'step.next' });
		const s = actor.getSnapshot();
		expect(s.value).toBe('retryingDelete');
		expect(s.context.trace).toEqual({
			ops: [{ kind: 'redis', argv: ['DEL', 'user:3'], result: '(integer) 0' }],
			latencyMs: 101,
		});
		expect(s.context.redisErrors).toBe(1);
		actor.send({ type: 'step.next' });
		expect(actor.getSnapshot().status).toBe('done');
	});

	it('without retry a failed DEL just ends the update (the cache stays stale)', () => {
		const fx = flowFixture();
		const lane = fx.lane();
		const actor = createActor(createWritePathMachine(lane), {
			input: base,
			clock: fx.clock,
		}).start();
		actor.send({ type: 'step.next' });
		lane.cache.link = 'refused';
		actor.send({ type: 'step.next' });
		actor.send({ type: 'step.next' });
		expect(actor.getSnapshot().status).toBe('done');
		expect(actor.getSnapshot().context.redisErrors).toBe(1);
	});

	it('lease guard deletes the lease with the key; version guard publishes the version', () => {
		expect(run(flowFixture(), { guard: 'lease' }).steps[1]).toBe(
			'deletingCache [delete] DEL user:3 user:3:lease → (integer) 0',
		);
		expect(run(flowFixture(), { guard: 'version' }).steps[1]).toBe(
			'deletingCache [delete] MULTI → OK; DEL user:3 → QUEUED; SET user:3:ver 2 EX 60 → QUEUED; EXEC → 1) (integer) 0 2) OK',
		);
	});
});
