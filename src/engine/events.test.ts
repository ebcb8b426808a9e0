import { describe, expect, it } from 'vitest';
import { EventBus } from './events.ts';

describe('EventBus', () => {
	it('is active while at least one listener is subscribed', () => {
		const bus = new EventBus();
		expect(bus.active).toBe(false);
		const seen: string[] = [];
		const offA = bus.subscribe((e) => seen.push(`a:${e.type}`));
		const offB = bus.subscribe((e) => seen.push(`b:${e.type}`));
		expect(bus.active).toBe(true);
		offA();
		expect(bus.active).toBe(true);
		bus.emit({ type: 'hit', at: 0, db: 0, key: 'k' });
		expect(seen).toEqual(['b:hit']);
		offB();
		expect(bus.active).toBe(false);
		offB();
		expect(bus.active).toBe(false);
	});
});
