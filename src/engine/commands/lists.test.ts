import { describe, expect, it } from 'vitest';
import { Random } from '../random.ts';
import { keyCost } from '../memory.ts';
import { usedMemory } from '../stats.ts';
import { fixture } from './fixture.test-util.ts';

describe('list commands', () => {
	it('keep each list’s charged bytes equal to its price through random edits', () => {
		const f = fixture();
		const rng = new Random(3);
		const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng.next() * xs.length)]!;
		const els = ['a', '1', '-42', 'x'.repeat(70), 'y'.repeat(300), '', '123456789012'];
		const idx = ['0', '1', '-1', '5', '-3', '40'];
		for (let i = 0; i < 4000; i++) {
			const key = pick(['l1', 'l2']);
			const op = pick(['LPUSH', 'RPUSH', 'LPOP', 'RPOP', 'LSET', 'LINSERT', 'LREM', 'LTRIM']);
			if (op === 'LPUSH' || op === 'RPUSH') f.run(op, key, pick(els), pick(els));
			else if (op === 'LPOP' || op === 'RPOP') f.run(op, key, pick(['1', '3']));
			else if (op === 'LSET') f.run(op, key, pick(idx), pick(els));
			else if (op === 'LINSERT') f.run(op, key, pick(['BEFORE', 'AFTER']), pick(els), pick(els));
			else if (op === 'LREM') f.run(op, key, pick(['0', '1', '-2']), pick(els));
			else f.run(op, key, pick(idx), pick(['-1', '100', '30']));
			if (i % 50 === 0) f.run('LMOVE', 'l1', 'l2', 'LEFT', 'RIGHT');
		}
		let sum = 0;
		for (const [key, obj] of f.db().dict) {
			expect(obj.type).toBe('list');
			if (obj.type !== 'list') continue;
			expect(obj.cost).toBe(keyCost(key, obj));
			sum += obj.cost;
			let count = 0;
			for (const node of obj.value.nodes) count += node.items.length;
			expect(obj.value.length).toBe(count);
		}
		expect(f.db().bytes).toBe(sum);
	});

	it('LPOS wraps only at RANK LONG_MIN itself, not at ranks a double would round to it', () => {
		const f = fixture();
		f.run('RPUSH', 'l', 'a', 'c', 'c');
		expect(f.run('LPOS', 'l', 'c', 'RANK', '-9223372036854775808')).toEqual({
			type: 'integer',
			value: 2,
		});
		for (const rank of ['-9223372036854775807', '-9223372036854775297']) {
			expect(f.run('LPOS', 'l', 'c', 'RANK', rank)).toEqual({ type: 'bulk', value: null });
			expect(f.run('LPOS', 'l', 'c', 'RANK', rank, 'COUNT', '0')).toEqual({
				type: 'array',
				value: [],
			});
		}
	});

	it('delete a list once it is empty, whatever empties it', () => {
		const f = fixture();
		for (const emptying of [
			['LPOP', 'l', '5'],
			['RPOP', 'l', '5'],
			['LREM', 'l', '0', 'a'],
			['LTRIM', 'l', '3', '1'],
			['LMPOP', '1', 'l', 'LEFT', 'COUNT', '9'],
			['BLMPOP', '1', '1', 'l', 'RIGHT', 'COUNT', '9'],
		]) {
			f.run('RPUSH', 'l', 'a', 'a');
			f.run(...emptying);
			expect(f.run('EXISTS', 'l')).toEqual({ type: 'integer', value: 0 });
		}
		expect(f.db().bytes).toBe(0);
	});

	it('touch WATCHed keys on every change, and only on a change', () => {
		const f = fixture();
		f.run('RPUSH', 'l', 'a', 'b');
		for (const [change, dirty] of [
			[['LREM', 'l', '0', 'zz'], false],
			[['LINSERT', 'l', 'BEFORE', 'zz', 'x'], false],
			[['LTRIM', 'l', '0', '-1'], true],
			[['LSET', 'l', '0', 'A'], true],
			[['RPUSHX', 'l', 'c'], true],
		] as const) {
			f.run('WATCH', 'l');
			f.run(...change);
			f.run('MULTI');
			f.run('LLEN', 'l');
			const reply = f.run('EXEC');
			expect(reply.type === 'array' && reply.value === null).toBe(dirty);
		}
	});

	it('count toward used_memory, so eviction can take a list', () => {
		const f = fixture({ config: { 'maxmemory-policy': 'allkeys-lru' } });
		f.run('RPUSH', 'big', ...Array.from({ length: 2000 }, (_, i) => `element-${i}`));
		expect(f.db().bytes).toBeGreaterThan(20_000);
		const used = usedMemory(f.server);
		f.run('CONFIG', 'SET', 'maxmemory', String(used - 10_000));
		f.run('SET', 'k', 'v');
		expect(f.run('EXISTS', 'big')).toEqual({ type: 'integer', value: 0 });
	});
});
