// What a learner's progress holds, and the check that a stored value or an imported file really
// is progress before any of it is used: an import from disk is untrusted input.
import * as v from 'valibot';
import type { LabLog } from '../lab/lab-log.ts';
import { parseLabLog } from '../lab/lab-log-schema.ts';
import { EMPTY_PROGRESS, PROGRESS_VERSION, type Progress } from './progress.ts';

export { EMPTY_PROGRESS, PROGRESS_VERSION };
export type { OpenLesson, PredictionAnswer, Progress } from './progress.ts';

const MAX_LESSONS = 500;

const lessonId = v.pipe(
	v.string(),
	v.regex(/^\d\d-[\w-]+\/\d\d-[\w-]+$/, 'a lesson id looks like 01-chapter/01-lesson'),
	v.maxLength(120),
);
const answer = v.strictObject({ choice: v.pipe(v.string(), v.maxLength(200)), right: v.boolean() });

const schema = v.object({
	v: v.literal(PROGRESS_VERSION),
	completed: v.pipe(v.array(lessonId), v.maxLength(MAX_LESSONS)),
	open: v.nullable(
		v.object({
			lesson: lessonId,
			hints: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(3)),
			met: v.pipe(
				v.array(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(50))),
				v.maxLength(50),
			),
			log: v.nullable(v.unknown()),
		}),
	),
	view: v.optional(v.picklist(['lesson', 'sandbox']), 'sandbox'),
	predictions: v.pipe(
		v.record(lessonId, v.record(v.pipe(v.string(), v.regex(/^\d{1,2}$/)), answer)),
		v.check((r) => Object.keys(r).length <= MAX_LESSONS, 'too many lessons'),
	),
});

/** The progress, or what is wrong with it in words a learner can read. */
export function parseProgress(data: unknown): { progress: Progress } | { problem: string } {
	if (typeof data !== 'object' || data === null || Array.isArray(data))
		return { problem: 'it is not Cache Lab progress (not a JSON object)' };
	if ('v' in data && data.v !== PROGRESS_VERSION)
		return typeof data.v === 'number' && data.v > PROGRESS_VERSION
			? { problem: 'it was made by a newer version of Cache Lab' }
			: { problem: 'it is not Cache Lab progress (its version is wrong)' };
	const r = v.safeParse(schema, data);
	if (!r.success) {
		const issue = r.issues[0];
		const where = issue.path?.map((p) => String(p.key)).join('.') ?? '';
		return { problem: where ? `${issue.message} at ${where}` : issue.message };
	}
	const open = r.output.open;
	let log: LabLog | null = null;
	if (open?.log != null) {
		const parsed = parseLabLog(open.log);
		if ('problem' in parsed) return { problem: `the open lesson's session: ${parsed.problem}` };
		if (parsed.log.program.kind !== 'sandbox')
			return { problem: "the open lesson's session is not a lesson's" };
		log = parsed.log;
	}
	return {
		progress: {
			v: PROGRESS_VERSION,
			completed: [...new Set(r.output.completed)],
			open: open ? { lesson: open.lesson, hints: open.hints, met: open.met, log } : null,
			view: open ? r.output.view : 'sandbox',
			predictions: r.output.predictions,
		},
	};
}
