// Timeline steps that act at once rather than through a flow: time passing, a lane's link to
// Redis failing or coming back, and a raw command on a lane's connection (`redis`, `cap-memory`).
import type { Engine, VirtualClock } from '../engine/index.ts';
import { replyText } from './reply-text.ts';
import type { Instruction } from './scenario-types.ts';
import type { Said, TimelineEntry } from './timeline-entry.ts';
import { waitForLane, type LaneRuntime } from './world-lanes.ts';

/** About what one cached user row costs in memory (key, JSON value, TTL): for `cap-memory`. */
const ROW_BYTES = 380;

export function clockStep(
	clock: VirtualClock,
	ms: number,
	index: number,
	say: Said,
): TimelineEntry {
	const at = clock.now();
	clock.advance(ms);
	const description = `${ms / 1000} s pass.`;
	return {
		index,
		at,
		endAt: clock.now(),
		lane: null,
		kind: 'clock',
		flow: null,
		state: null,
		line: null,
		description,
		ops: [],
		...say,
	};
}

export function linkStep(
	rt: LaneRuntime,
	i: Extract<Instruction, { do: 'link' }>,
	clock: VirtualClock,
	index: number,
	say: Said,
): TimelineEntry {
	const at = clock.now();
	rt.cache.link = i.link;
	const description =
		i.link === 'up' ? 'The link to Redis is back.' : `The link to Redis fails (${i.link}).`;
	return {
		index,
		at,
		endAt: at,
		lane: i.lane,
		kind: 'link',
		flow: null,
		state: null,
		line: null,
		description,
		ops: [],
		...say,
	};
}

/** Sends one command on the lane's connection once the lane is free; the lane is busy for its latency. */
export function redisStep(
	rt: LaneRuntime,
	i: Extract<Instruction, { do: 'redis' | 'cap-memory' }>,
	engine: Engine,
	clock: VirtualClock,
	index: number,
	say: Said,
): TimelineEntry {
	const at = waitForLane(clock, rt);
	const argv =
		i.do === 'redis'
			? i.argv
			: ['CONFIG', 'SET', 'maxmemory', String(engine.usedMemory() + i.rows * ROW_BYTES)];
	const r = rt.cache.call(argv);
	const result = r.ok ? replyText(r.reply) : `(error) ${r.error.code}`;
	rt.readyAt = at + r.latencyMs;
	return {
		index,
		at,
		endAt: rt.readyAt,
		lane: i.lane,
		kind: 'redis',
		flow: null,
		state: null,
		line: null,
		description: argv.join(' '),
		ops: [{ kind: 'redis', argv, result }],
		...say,
	};
}
