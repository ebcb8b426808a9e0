// The state one RESP server shares across its connections (the parts of `struct redisServer`
// that live outside the engine): the engine, its wall clock, the client list, buffer memory and
// the MONITOR clients with their feed (replicationFeedMonitors in src/replication.c).
import { repr } from '../console/format.ts';
import { createEngine, loggedArgv, type Engine, type EngineOptions } from '../engine/index.ts';
import type { RespSession } from './session.ts';
import { followWallTime, scriptTime, wallMicros, type WallClock } from './wall-clock.ts';

export class Hub {
	readonly engine: Engine;
	readonly wall: WallClock;
	readonly sessions = new Set<RespSession>();
	/** server.monitors: sessions that ran MONITOR and are still connected. */
	readonly monitors = new Set<RespSession>();
	/** Engine command names, and `name|sub` for container subcommands, as known at start. */
	readonly #known = new Set<string>();
	readonly #containers = new Set<string>();
	#bufferBytes = 0;
	#unsubscribe: (() => void) | null = null;

	/** `time: 'script'` keeps virtual time still between commands (piped REPL input). */
	constructor(options: Omit<EngineOptions, 'clock'> & { time?: 'wall' | 'script' } = {}) {
		this.wall = options.time === 'script' ? scriptTime() : followWallTime();
		this.engine = createEngine({
			seed: options.seed,
			config: options.config,
			clock: this.wall.clock,
			applyConfig: options.applyConfig,
		});
		for (const spec of this.engine.commands()) {
			const name = spec.name.toLowerCase();
			this.#known.add(name);
			if (spec.subcommands) this.#containers.add(name);
			for (const sub of spec.subcommands ?? []) this.#known.add(sub.name.toLowerCase());
		}
	}

	/** Does the engine implement `name` (or `name|sub`)? */
	knows(name: string): boolean {
		return this.#known.has(name);
	}

	isContainer(name: string): boolean {
		return this.#containers.has(name);
	}

	/** A session's buffers grew or shrank by `delta` bytes: they count toward used_memory. */
	addBufferBytes(delta: number): void {
		if (delta === 0) return;
		this.#bufferBytes += delta;
		this.engine.setClientBufferBytes(this.#bufferBytes);
	}

	get bufferBytes(): number {
		return this.#bufferBytes;
	}

	/**
	 * MONITOR: the engine's command events are listened to only while someone monitors, so a
	 * server nobody monitors builds no events on its hot path.
	 */
	addMonitor(session: RespSession): void {
		this.monitors.add(session);
		this.#unsubscribe ??= this.engine.subscribe((event) => {
			if (!(event.type === 'monitor' || (event.type === 'command' && event.monitor))) return;
			const from = [...this.sessions].find((s) => s.id === event.client);
			const line = monitorLine(wallMicros(), event.db, from?.peer.addr ?? 'lua', event.argv);
			for (const m of this.monitors) m.transport.write(line);
		});
	}

	removeMonitor(session: RespSession): void {
		if (!this.monitors.delete(session) || this.monitors.size > 0) return;
		this.#unsubscribe?.();
		this.#unsubscribe = null;
	}

	close(): void {
		this.#unsubscribe?.();
		this.wall.stop();
		this.engine.dispose();
	}
}

/** One feed line: `+<sec>.<usec> [<db> <addr>] "arg" "arg"` (a status reply). */
export function monitorLine(
	micros: number,
	db: number,
	addr: string,
	argv: readonly string[],
): string {
	const sec = Math.floor(micros / 1e6);
	const usec = String(micros - sec * 1e6).padStart(6, '0');
	const args = loggedArgv(argv).map(repr).join(' ');
	return `+${sec}.${usec} [${db} ${addr}] ${args}\r\n`;
}
