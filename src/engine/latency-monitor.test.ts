import { describe, expect, it } from 'vitest';
import { VirtualClock, createEngine, loadAllCommands, type Reply } from './index.ts';
import { LATENCY_TS_LEN, latencyAddSample } from './latency-monitor.ts';
import { Server } from './server.ts';
import { DEFAULT_CONFIG } from './config.ts';
import { Random } from './random.ts';

await loadAllCommands();

const text = (r: Reply) => (r.type === 'bulk' ? r.value : JSON.stringify(r));
const ints = (r: Reply): unknown =>
	r.type === 'array' ? (r.value ?? []).map(ints) : r.type === 'integer' ? r.value : r.value;

/** The spikes a real server logged for DEBUG SLEEP 0.02, 0.05 and 0.03 + 0.011, a second apart. */
function threeSpikes() {
	const clock = new VirtualClock();
	const engine = createEngine({ clock, seed: 1 });
	engine.exec(['CONFIG', 'SET', 'latency-monitor-threshold', '10']);
	engine.exec(['DEBUG', 'SLEEP', '0.02']);
	clock.advance(1000);
	engine.exec(['DEBUG', 'SLEEP', '0.05']);
	clock.advance(1000);
	engine.exec(['DEBUG', 'SLEEP', '0.03']);
	engine.exec(['DEBUG', 'SLEEP', '0.011']); // the same second: the higher spike stays
	engine.exec(['DEBUG', 'SLEEP', '0.009']); // under the threshold: not a spike
	return { clock, engine };
}

describe('the latency monitor', () => {
	it('keeps one spike per second, the highest, and the all-time high', () => {
		const { engine } = threeSpikes();
		const history = ints(engine.exec(['LATENCY', 'HISTORY', 'command'])) as number[][];
		expect(history.map(([, ms]) => ms)).toEqual([20, 50, 30]);
		expect(history[1]![0]! - history[0]![0]!).toBe(1);
		const [latest] = ints(engine.exec(['LATENCY', 'LATEST'])) as unknown[][];
		expect(latest).toEqual(['command', history[2]![0], 30, 50]);
	});

	it('draws GRAPH and writes DOCTOR as a real server did for the same spikes', () => {
		const { engine } = threeSpikes();
		expect(text(engine.exec(['LATENCY', 'GRAPH', 'command']))).toBe(
			[
				'command - high 50 ms, low 20 ms (all time high 50 ms)',
				'-'.repeat(80),
				' # ',
				' | ',
				' |o',
				'_||',
				'   ',
				'210',
				'sss',
				'',
			].join('\n'),
		);
		const doctor = text(engine.exec(['LATENCY', 'DOCTOR']));
		expect(doctor).toContain(
			'1. command: 3 latency spikes (average 33ms, mean deviation 11ms, period 0.67 sec). Worst all time event 50ms.\n',
		);
		// slowlog-log-slower-than (10 ms) is not over the threshold: no tuning advice.
		expect(doctor).not.toContain('Slow Log configuration');
		expect(doctor).toContain('- Check your Slow Log');
	});

	it('resets event classes by name in any case, or all, and counts them', () => {
		const { engine } = threeSpikes();
		expect(engine.exec(['LATENCY', 'RESET', 'nosuch', 'COMMAND'])).toEqual({
			type: 'integer',
			value: 1,
		});
		expect(engine.exec(['LATENCY', 'LATEST'])).toEqual({ type: 'array', value: [] });
		expect(engine.exec(['LATENCY', 'RESET'])).toEqual({ type: 'integer', value: 0 });
	});

	it('keeps the last 160 seconds of spikes', () => {
		const clock = new VirtualClock();
		const server = new Server(clock, { ...DEFAULT_CONFIG }, new Random(1));
		for (let s = 0; s < LATENCY_TS_LEN + 5; s++) {
			latencyAddSample(server, 'command', 100 + s);
			clock.advance(1000);
		}
		const ts = server.latencyEvents.get('command')!;
		expect(ts.max).toBe(100 + LATENCY_TS_LEN + 4);
		expect(ts.samples.map((x) => x.latency).sort((a, b) => a - b)[0]).toBe(105);
	});

	it('sees no spike while the threshold is 0 (the default), and says so', () => {
		const engine = createEngine({ seed: 1 });
		engine.exec(['DEBUG', 'SLEEP', '0.5']);
		expect(engine.exec(['LATENCY', 'LATEST'])).toEqual({ type: 'array', value: [] });
		expect(text(engine.exec(['LATENCY', 'DOCTOR']))).toMatch(/^I'm sorry, Dave, I can't do that/);
	});
});
