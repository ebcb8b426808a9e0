import { describe, expect, it } from 'vitest';
import { createEngine, VirtualClock } from './index.ts';

function engineWithKeys() {
	const clock = new VirtualClock();
	const engine = createEngine({ clock, seed: 3 });
	engine.exec(['SET', 'name', 'Alice']);
	engine.exec(['SET', 'n', '12345']);
	engine.exec(['SETEX', 'session', '300', 'x']);
	engine.exec(['PEXPIREAT', 'name', String(clock.now() + 90_250)]);
	engine.exec(['HSET', 'h', 'f', 'v']);
	engine.exec(['CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru']);
	clock.advance(1500);
	return { clock, engine };
}

const READS = [
	['GET', 'name'],
	['get', 'n'],
	['GET', 'missing'],
	['STRLEN', 'n'],
	['STRLEN', 'missing'],
	['TYPE', 'h'],
	['TYPE', 'missing'],
	['EXISTS', 'name', 'name', 'missing', 'h'],
	['TTL', 'session'],
	['TTL', 'h'],
	['TTL', 'missing'],
	['PTTL', 'name'],
	['EXPIRETIME', 'session'],
	['PEXPIRETIME', 'name'],
	['DBSIZE'],
	['INFO', 'stats'],
	['INFO', 'keyspace', 'memory'],
	['CONFIG', 'GET', 'maxmemory*'],
];

describe('engine.peek', () => {
	it('answers plain reads as a copy of the engine running them would', () => {
		const { engine } = engineWithKeys();
		for (const argv of READS) {
			const copy = engine.fork();
			expect(engine.peek(argv), argv.join(' ')).toEqual(copy.exec(argv));
			copy.dispose();
		}
	});

	it('changes nothing: no LRU touch, no hit or miss, no command counted', () => {
		const { clock, engine } = engineWithKeys();
		clock.advance(10_000);
		const before = engine.exec(['INFO', 'all']);
		for (const argv of READS) engine.peek(argv);
		const after = engine.exec(['INFO', 'all']);
		// Only the second INFO itself differs: one more command, read and write, one more INFO call
		// (and the first INFO's latency now tracked).
		const strip = (r: typeof before) =>
			String(r.value).replace(
				/^(total_\w+_processed|cmdstat_info|latency_percentiles_usec_info):.*\r\n/gm,
				'',
			);
		expect(strip(after)).toBe(strip(before));
		expect(engine.exec(['OBJECT', 'IDLETIME', 'n'])).toEqual({ type: 'integer', value: 11 });
	});

	it('leaves a key past its TTL to a copy: reading it would delete and count it', () => {
		const { clock, engine } = engineWithKeys();
		engine.exec(['DEBUG', 'SET-ACTIVE-EXPIRE', '0']);
		clock.advance(300_000);
		expect(engine.peek(['EXISTS', 'session'])).toBeNull();
		expect(engine.peek(['GET', 'session'])).toBeNull();
		expect(engine.peek(['DBSIZE'])).toEqual({ type: 'integer', value: 4 });
		expect(engine.inspect().keys.some((k) => k.name === 'session')).toBe(true);
	});

	it('answers null for writes, other types, wrong arity, MULTI and a stopped server', () => {
		const { engine } = engineWithKeys();
		expect(engine.peek(['SET', 'a', 'b'])).toBeNull();
		expect(engine.peek(['GET', 'h'])).toBeNull();
		expect(engine.peek(['GET'])).toBeNull();
		expect(engine.peek(['CONFIG', 'SET', 'maxmemory', '1'])).toBeNull();
		engine.exec(['MULTI']);
		expect(engine.peek(['GET', 'name'])).toBeNull();
		engine.exec(['DISCARD']);
		expect(engine.peek(['GET', 'name'])).toEqual({ type: 'bulk', value: 'Alice' });
		engine.exec(['SHUTDOWN', 'NOSAVE']);
		expect(engine.peek(['GET', 'name'])).toBeNull();
	});

	it('reads the database the default client selected', () => {
		const { engine } = engineWithKeys();
		engine.exec(['SELECT', '2']);
		engine.exec(['SET', 'name', 'Bob']);
		expect(engine.peek(['GET', 'name'])).toEqual({ type: 'bulk', value: 'Bob' });
		expect(engine.peek(['DBSIZE'])).toEqual({ type: 'integer', value: 1 });
	});
});
