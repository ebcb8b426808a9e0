// What a stored session, a session file or a link may hold, checked before anything runs: a log
// from elsewhere is untrusted input. Sizes are capped so a hostile one cannot stall the page, and
// strings stay strings (the page renders every one as text). valibot, because its schemas are
// plain functions that tree-shake, so checking a log costs a few kilobytes,
// loaded with the first log there is to check.
import * as v from 'valibot';
import { SCENARIOS } from '../flows/scenarios.ts';
import { LOG_VERSION, MAX_INPUTS, MAX_LINE, type LabLog } from './lab-log.ts';

export { MAX_INPUTS, MAX_LINE };
const MAX_TIME = 8_640_000_000_000_000; // Date's own limit
const MAX_SPAN = 10 * 365 * 24 * 3600 * 1000; // a session spans at most ten virtual years

const time = v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.maxValue(MAX_TIME));
const userId = v.pipe(v.number(), v.safeInteger(), v.minValue(1), v.maxValue(1000));
const ttl = v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.maxValue(10 ** 9));
const strategy = v.picklist(['db-only', 'update-then-del', 'del-then-update', 'update-then-set']);

const action = v.variant('kind', [
	v.strictObject({ kind: v.literal('request'), userId, ttlSeconds: ttl }),
	v.strictObject({ kind: v.literal('update'), userId, strategy, ttlSeconds: ttl }),
	v.strictObject({ kind: v.literal('link'), isDown: v.boolean() }),
	v.strictObject({ kind: v.literal('restart') }),
]);

const input = v.variant('kind', [
	v.strictObject({
		kind: v.literal('line'),
		at: time,
		line: v.pipe(v.string(), v.maxLength(MAX_LINE)),
	}),
	v.strictObject({ kind: v.literal('advance'), at: time, to: time }),
	v.strictObject({ kind: v.literal('flow'), at: time, action }),
	v.strictObject({ kind: v.literal('step'), at: time }),
]);

const scenarioIds = SCENARIOS.map((s) => s.id);
const program = v.variant('kind', [
	v.strictObject({ kind: v.literal('sandbox') }),
	v.strictObject({
		kind: v.literal('scenario'),
		id: v.picklist(scenarioIds),
		fixes: v.pipe(v.array(v.pipe(v.string(), v.maxLength(64))), v.maxLength(8)),
	}),
]);

/** A lesson id is `chapter/lesson`, as the lessons folder names them; the catalog decides if it is one. */
const lesson = v.strictObject({
	id: v.pipe(v.string(), v.maxLength(128), v.regex(/^[\w-]+\/[\w-]+$/)),
	hints: v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.maxValue(100)),
	met: v.pipe(
		v.array(v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.maxValue(100))),
		v.maxLength(100),
	),
});

const log = v.pipe(
	v.object({
		v: v.literal(LOG_VERSION),
		seed: v.pipe(v.number(), v.safeInteger()),
		start: time,
		program,
		inputs: v.pipe(v.array(input), v.maxLength(MAX_INPUTS)),
		now: time,
		lesson: v.optional(lesson),
	}),
	v.check((l) => l.now >= l.start && l.now - l.start <= MAX_SPAN, 'its clock runs too far'),
	v.check(
		(l) =>
			l.inputs.every(
				(i, n) => i.at >= l.start && i.at <= l.now && i.at >= (l.inputs[n - 1]?.at ?? 0),
			),
		'its inputs are not in time order',
	),
	v.check(
		(l) =>
			l.program.kind === 'sandbox' ||
			l.program.fixes.every((f) =>
				SCENARIOS.find((s) => s.id === (l.program as { id: string }).id)!.fixes.some(
					(x) => x.id === f,
				),
			),
		'it names a fix its scenario does not have',
	),
);

/** The log, or what is wrong with it in a few words a learner can read. */
export function parseLabLog(data: unknown): { log: LabLog } | { problem: string } {
	if (typeof data === 'object' && data !== null && 'v' in data && data.v !== LOG_VERSION)
		return typeof data.v === 'number' && data.v > LOG_VERSION
			? { problem: 'it was made by a newer version of Cache Lab' }
			: { problem: 'it is not a Cache Lab session' };
	const r = v.safeParse(log, data);
	if (r.success) return { log: r.output as LabLog };
	const issue = r.issues[0];
	const where = issue.path?.map((p) => String(p.key)).join('.') ?? '';
	return { problem: where ? `${issue.message} at ${where}` : issue.message };
}
