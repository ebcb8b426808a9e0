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
	it('Copy state and Export session write exactly what Import session reads', () => {
		expect(readSessionJson(sessionJson(LOG))).toEqual({ log: LOG });
	});

	it('refuse what is not a session, naming why', () => {
		expect(readSessionJson('not json')).toEqual({ problem: 'it is not JSON' });
		expect(readSessionJson('{"v":1}')).toEqual({ problem: 'it is not a Cache Lab session' });
		expect(readSessionJson(JSON.stringify({ app: 'cachelab', ...LOG, seed: 'x' }))).toMatchObject({
			problem: expect.stringContaining('seed'),
		});
	});
});
