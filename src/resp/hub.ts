// The state one RESP server shares across its connections (the parts of `struct redisServer`
// that live outside the engine): the engine, its wall clock, the client list and buffer memory.
import { createEngine, type Engine, type EngineOptions } from '../engine/index.ts';
import type { RespSession } from './session.ts';
import { followWallTime, scriptTime, type WallClock } from './wall-clock.ts';

export class Hub {
	readonly engine: Engine;
	readonly wall: WallClock;
	readonly sessions = new Set<RespSession>();
	/** Engine command names, and `name|sub` for container subcommands, as known at start. */
	readonly #known = new Set<string>();
	readonly #containers = new Set<string>();
	#bufferBytes = 0;

	/** `time: 'script'` keeps virtual time still between commands (piped REPL input). */
	constructor(options: Omit<EngineOptions, 'clock'> & { time?: 'wall' | 'script' } = {}) {
		this.wall = options.time === 'script' ? scriptTime() : followWallTime();
		this.engine = createEngine({
			seed: options.seed,
			config: options.config,
			clock: this.wall.clock,
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

	close(): void {
		this.wall.stop();
		this.engine.dispose();
	}
}
