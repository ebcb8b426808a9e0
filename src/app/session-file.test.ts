// Links and session files: round trips, and every bad input refused with a reason before it runs.
import { compressToEncodedURIComponent } from 'lz-string';
import { describe, expect, it } from 'vitest';
import type { LabLog } from '../lab/lab-log.ts';
import { linkFor, MAX_LINK_CHARS, openLink, readSessionJson, sessionJson } from './session-file.ts';

const LOG: LabLog = {
	v: 1,
	seed: 5,
	start: 1767268800000,
	program: { kind: 'scenario', id: 'stale-after-update', fixes: ['short-ttl'] },
	inputs: [
		{ kind: 'line', at: 1767268800000, line: 'SET <script>alert(1)</script> "<img onerror=x>"' },
		{ kind: 'step', at: 1767268801000 },
	],
	now: 1767268802000,
};

const hashOf = (href: string) => new URL(href).hash;
const packed = (data: unknown) => '#s=' + compressToEncodedURIComponent(JSON.stringify(data));

describe('permalinks', () => {
	it('carry the whole log in the fragment and give it back', async () => {
		const href = await linkFor(LOG, 'https://example.test/lab/?present#old');
		expect(href.startsWith('https://example.test/lab/?present#s=')).toBe(true);
		expect(await openLink(hashOf(href))).toEqual({ log: LOG });
	});

	it('carry the lesson the session was in; a link without one is a sandbox, as before', async () => {
		const lesson = { id: '02-expiry/03-setex', hints: 1, met: [0] };
		const sandbox = { ...LOG, program: { kind: 'sandbox' } } as const;
		const href = await linkFor({ ...sandbox, lesson }, 'https://example.test/');
		expect(await openLink(hashOf(href))).toEqual({ log: { ...sandbox, lesson } });
		const old = await openLink(packed(sandbox));
		expect('log' in old && old.log.lesson).toBeUndefined();
		for (const bad of [
			{ ...lesson, id: '../../etc' },
			{ ...lesson, hints: -1 },
			{ ...lesson, met: ['0'] },
			{ ...lesson, extra: 1 },
		])
			expect(await openLink(packed({ ...sandbox, lesson: bad }))).toEqual({
				problem: expect.stringMatching(/at lesson/),
			});
		expect(await readSessionJson(sessionJson({ ...sandbox, lesson }))).toEqual({
			log: { ...sandbox, lesson },
		});
	});

	it('refuse truncated, corrupt, future, absurd and oversized links with a reason', async () => {
		const href = await linkFor(LOG, 'https://example.test/');
		const hash = hashOf(href);
		expect(await openLink(hash.slice(0, hash.length - 9))).toHaveProperty('problem');
		expect(await openLink('#s=%%%not-lz')).toHaveProperty('problem');
		expect(await openLink(packed({ ...LOG, v: 9 }))).toEqual({
			problem: expect.stringMatching(/newer version/),
		});
		expect(
			await openLink(packed({ ...LOG, inputs: new Array(20_001).fill(LOG.inputs[1]) })),
		).toHaveProperty('problem');
		expect(await openLink('#s=' + 'A'.repeat(MAX_LINK_CHARS + 1))).toEqual({
			problem: expect.stringMatching(/too long/),
		});
		expect(await openLink(packed('just a string'))).toHaveProperty('problem');
	});
});

describe('session files', () => {
	it('Copy state and Export session write exactly what Import session reads', async () => {
		expect(await readSessionJson(sessionJson(LOG))).toEqual({ log: LOG });
	});

	it('refuse what is not a session, naming why', async () => {
		expect(await readSessionJson('not json')).toEqual({ problem: 'it is not JSON' });
		expect(await readSessionJson('{"v":1}')).toEqual({ problem: 'it is not a Cache Lab session' });
		expect(
			await readSessionJson(JSON.stringify({ app: 'cachelab', ...LOG, seed: 'x' })),
		).toMatchObject({
			problem: expect.stringContaining('seed'),
		});
	});
});
