import { describe, expect, it } from 'vitest';
import type { KeyValue } from '../lab/storage.ts';
import { Catalog } from '../lessons/catalog.ts';
import { fixtureSources } from '../lessons/fixtures.test-util.ts';
import { createProgressStore, PROGRESS_KEY } from '../lessons/progress-store.ts';
import type { Progress } from '../lessons/progress-schema.ts';
import { FlowStage } from './flow-stage.svelte.ts';
import { LessonsController, programWords } from './lessons.svelte.ts';
import { Preferences } from './preferences.svelte.ts';
import { Session } from './session.svelte.ts';

function mapStore(): KeyValue & { map: Map<string, unknown> } {
	const map = new Map<string, unknown>();
	return {
		map,
		get: async (k) => structuredClone(map.get(k)),
		set: async (k, v) => void map.set(k, structuredClone(v)),
		del: async (k) => void map.delete(k),
	};
}

const refusing: KeyValue = {
	get: () => Promise.reject(new Error('blocked')),
	set: () => Promise.reject(new Error('full')),
	del: () => Promise.reject(new Error('blocked')),
};

function setup(kv: KeyValue = mapStore()) {
	const session = new Session();
	const flow = new FlowStage(session, new Preferences());
	const lessons = new LessonsController(session, flow, {
		store: createProgressStore(kv),
		catalog: new Catalog(fixtureSources()),
		wait: () => Promise.resolve(),
	});
	return { session, flow, lessons, kv };
}

const settle = () => new Promise((r) => setTimeout(r, 5));

describe('LessonsController', () => {
	it('Show me types each console line into the input, whole under reduced motion', async () => {
		for (const reduced of [false, true]) {
			const session = new Session();
			const seen: (string | null)[] = [];
			const lessons = new LessonsController(session, new FlowStage(session, new Preferences()), {
				store: createProgressStore(mapStore()),
				catalog: new Catalog(fixtureSources()),
				wait: () => (seen.push(session.typed), Promise.resolve()),
				reducedMotion: () => reduced,
			});
			await lessons.start(null, null);
			await lessons.open('01-basics/01-ttl');
			const first = lessons.lesson!.solution[0]!;
			expect(first.kind).toBe('console');
			await lessons.showMe();
			const typed = seen.slice(0, seen.indexOf(first.text) + 1);
			expect(typed.at(-1)).toBe(first.text);
			if (reduced) expect(typed).toEqual([first.text]);
			else expect(typed).toEqual([...first.text].map((_, i) => first.text.slice(0, i + 1)));
			expect(session.typed).toBe('');
			expect(session.entries.some((e) => e.input === first.text)).toBe(true);
			expect(lessons.isComplete).toBe(true);
			lessons.dispose();
		}
	});

	it('names the open lesson in what is shared, and opens a shared one as it was', async () => {
		const { session, lessons } = setup();
		await lessons.start(null, null);
		expect(session.shareLog().lesson).toBeUndefined();
		await lessons.open('01-basics/01-ttl');
		session.submit('SET user:456:profile x EX 300');
		session.submit('SET other 1');
		await settle();
		lessons.showHint();
		const shared = session.shareLog();
		expect(shared.lesson).toEqual({ id: '01-basics/01-ttl', hints: 1, met: [0] });
		expect(JSON.parse(session.exportState()).lesson).toEqual(shared.lesson);
		lessons.dispose();

		const other = setup();
		await other.lessons.start(null, null);
		const { lesson, ...world } = shared;
		expect(await other.lessons.openShared(lesson!, world)).toBe(true);
		expect(other.lessons.isOpen).toBe(true);
		expect(other.lessons.lesson?.id).toBe('01-basics/01-ttl');
		expect(other.lessons.met).toEqual([true]);
		expect(other.lessons.hints).toBe(1);
		expect(other.session.lab.engine.exec(['GET', 'other'])).toEqual({ type: 'bulk', value: '1' });
		expect(other.session.shareLog()).toEqual(shared);
		expect(await other.lessons.openShared({ ...lesson!, id: '09-none/01-none' }, world)).toBe(
			false,
		);
		expect(other.lessons.notice).toMatch(/no lesson/);
	});

	it('opens a lesson on a fresh world and ticks its goal as the learner types', async () => {
		const { session, lessons } = setup();
		session.submit('SET sandbox-key 1');
		await lessons.start(null, null);
		await lessons.open('01-basics/01-ttl');
		expect(lessons.isOpen).toBe(true);
		expect(session.lab.engine.exec(['EXISTS', 'sandbox-key'])).toEqual({
			type: 'integer',
			value: 0,
		});
		expect(lessons.met).toEqual([false]);
		session.submit('SET user:456:profile x');
		await settle();
		expect(lessons.met).toEqual([false]);
		session.submit('EXPIRE user:456:profile 300');
		await settle();
		expect(lessons.met).toEqual([true]);
		expect(lessons.progress.completed).toEqual(['01-basics/01-ttl']);
		expect(lessons.chapters[0]!.lessons!.map((l) => [l.isOpen, l.isDone])).toEqual([
			[true, true],
			[false, false],
			[false, false],
		]);
	});

	it('keeps the sandbox aside: the sandbox comes back as it was, then the lesson as it was', async () => {
		const { session, lessons } = setup();
		session.submit('SET sandbox-key 1');
		await lessons.start(null, null);
		await lessons.open('01-basics/01-ttl');
		expect(lessons.sandboxLog()?.inputs).toHaveLength(1);
		session.submit('SET lesson-key 1');
		lessons.showSandbox();
		expect(session.lab.engine.inspect().keys.map((k) => k.name)).toEqual(['sandbox-key']);
		expect(lessons.sandboxLog()).toBeNull();
		await lessons.resume();
		expect(session.lab.engine.inspect().keys.map((k) => k.name)).toEqual(['lesson-key']);
	});

	it('Show me types the solution and presses the stage buttons', async () => {
		const { lessons } = setup();
		await lessons.start(null, null);
		await lessons.open('01-basics/02-hit');
		expect(lessons.met).toEqual([false, false]);
		await lessons.showMe();
		expect(lessons.met).toEqual([true, true]);
		expect(lessons.isComplete).toBe(true);
		expect(lessons.typing).toBeNull();
	});

	it("a lesson's scenario is on the flow stage, which steps it; the sandbox comes back after", async () => {
		const { session, flow, lessons } = setup();
		await lessons.start(null, null);
		await lessons.open('01-basics/03-race');
		expect(flow.mode).toBe('scenarios');
		expect(flow.scenarios.selected).toBe('stale-set');
		expect(flow.scenarios.enabledFixes).toEqual(['lease']);
		flow.scenarios.step();
		flow.scenarios.restart();
		expect(session.lab.program).toEqual({ kind: 'scenario', id: 'stale-set', fixes: ['lease'] });
		expect(flow.scenarios.position).toBe(0);
		await lessons.showMe();
		expect(flow.scenarios.isFinished).toBe(true);
		expect(lessons.isComplete).toBe(true);
		lessons.showSandbox();
		expect(flow.mode).toBe('sandbox');
	});

	it('says when the stage runs another program than the lesson, until Reset lesson', async () => {
		const { flow, lessons } = setup();
		await lessons.start(null, null);
		await lessons.open('01-basics/03-race');
		expect(lessons.offProgram).toBeNull();
		flow.scenarios.toggleFix('lease');
		expect(lessons.offProgram).toBe('scenario 6, The classic stale set');
		flow.setMode('sandbox');
		expect(lessons.offProgram).toBe('the sandbox');
		lessons.resetLesson();
		expect(lessons.offProgram).toBeNull();
		expect(flow.mode).toBe('scenarios');
		expect(programWords({ kind: 'scenario', id: 'stale-set', fixes: ['lease'] })).toBe(
			'scenario 6, The classic stale set (with: Lease token)',
		);
		// In the full sandbox there is no lesson to be off.
		lessons.showSandbox();
		expect(lessons.offProgram).toBeNull();
	});

	it('hints one at a time; Reset lesson starts over', async () => {
		const { session, lessons } = setup();
		await lessons.start(null, null);
		await lessons.open('01-basics/01-ttl');
		lessons.showHint();
		lessons.showHint();
		lessons.showHint();
		expect(lessons.hints).toBe(2);
		session.submit('SET user:456:profile x EX 10');
		await settle();
		lessons.resetLesson();
		expect(lessons.met).toEqual([false]);
		expect(lessons.hints).toBe(0);
		expect(session.lab.engine.inspect().keys).toEqual([]);
	});

	it('grades predictions by what happens and keeps the answer', async () => {
		const { session, lessons } = setup();
		await lessons.start(null, null);
		await lessons.open('01-basics/01-ttl');
		session.submit('SET user:456:profile x');
		const g = lessons.predict(0, '(integer) 300');
		expect(g).toMatchObject({ right: false, happened: 'printed (integer) -1' });
		expect(lessons.progress.predictions['01-basics/01-ttl']).toEqual({
			'0': { choice: '(integer) 300', right: false },
		});
	});

	it("stores progress with the lesson's world, and a new page resumes where it was", async () => {
		const kv = mapStore();
		const a = setup(kv);
		await a.lessons.start(null, null);
		await a.lessons.open('01-basics/01-ttl');
		a.session.submit('SET user:456:profile x');
		a.lessons.showHint();
		await a.lessons.flush();
		const stored = kv.map.get(PROGRESS_KEY) as Progress;
		expect(stored.open).toMatchObject({ lesson: '01-basics/01-ttl', hints: 1 });
		expect(stored.view).toBe('lesson');
		const b = setup(kv);
		const loaded = await createProgressStore(kv).load();
		await b.lessons.start(loaded.progress, loaded.problem);
		expect(b.lessons.lesson?.id).toBe('01-basics/01-ttl');
		expect(b.lessons.hints).toBe(1);
		expect(b.session.lab.engine.inspect().keys.map((k) => k.name)).toEqual(['user:456:profile']);
	});

	it('leaving without a change writes nothing, not even over a store that could not be read', async () => {
		const kv = mapStore();
		kv.map.set(PROGRESS_KEY, { v: 1, completed: 42 });
		const loaded = await createProgressStore(kv).load();
		expect(loaded.problem).not.toBeNull();
		const { lessons } = setup(kv);
		await lessons.start(loaded.progress, loaded.problem);
		await lessons.flush();
		expect(kv.map.get(PROGRESS_KEY)).toEqual({ v: 1, completed: 42 });
		await lessons.open('01-basics/02-hit');
		await lessons.flush();
		expect((kv.map.get(PROGRESS_KEY) as Progress).open?.lesson).toBe('01-basics/02-hit');
	});

	it('export, reset and import restore the progress; a bad file changes nothing', async () => {
		const { lessons } = setup();
		await lessons.start(null, null);
		await lessons.open('01-basics/02-hit');
		await lessons.showMe();
		const file = lessons.exportText();
		lessons.resetProgress();
		expect(lessons.progress.completed).toEqual([]);
		expect(lessons.importText('{"v":1,"completed":"all"}')).toBe(false);
		expect(lessons.importMessage?.text).toMatch(/not imported: .*completed/);
		expect(lessons.progress.completed).toEqual([]);
		expect(lessons.importText(file)).toBe(true);
		expect(lessons.progress.completed).toEqual(['01-basics/02-hit']);
	});

	it('storage that refuses never stops a lesson: it completes, and a notice says progress is not kept', async () => {
		const { lessons } = setup(refusing);
		await lessons.start(null, 'the browser refused to read its storage');
		expect(lessons.notice).toMatch(/could not be read/);
		lessons.notice = null;
		await lessons.open('01-basics/02-hit');
		await lessons.showMe();
		expect(lessons.isComplete).toBe(true);
		await lessons.flush();
		expect(lessons.storing).toBe(false);
		expect(lessons.notice).toMatch(/will not be kept/);
	});
});
