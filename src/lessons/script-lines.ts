// The lines of `redis`, `redis setup` and `redis solution` blocks: console lines as typed, `@…`
// stage actions, `# expect error` marking the next line as meant to fail, other `#` comments.
import { parseDuration } from '../lib/duration.ts';
import { STRATEGIES, type ScriptLine, type StageAction, type Strategy } from './lesson-types.ts';

const DEFAULT_TTL = 300;
export const EXPECT_ERROR = '# expect error';

/** Parses one `@…` line; a string says what is wrong with it. */
export function parseAction(text: string): StageAction | string {
	const [name, ...args] = text.trim().slice(1).split(/\s+/);
	const userId = (s: string | undefined): number | string => {
		const n = Number(s);
		return s !== undefined && Number.isInteger(n) && n >= 1 && n <= 1000
			? n
			: `a user id from 1 to 1000, not "${s ?? ''}"`;
	};
	switch (name) {
		case 'request': {
			const id = userId(args[0]);
			if (typeof id === 'string') return `@request needs ${id}`;
			const ttl = args[1] === undefined ? DEFAULT_TTL : Number(args[1]);
			if (!Number.isInteger(ttl) || ttl < 0)
				return `@request's TTL must be whole seconds, not "${args[1]}"`;
			return args.length > 2
				? '@request takes a user id and a TTL'
				: { kind: 'request', userId: id, ttlSeconds: ttl };
		}
		case 'update': {
			const id = userId(args[0]);
			if (typeof id === 'string') return `@update needs ${id}`;
			const strategy = args[1] as Strategy;
			if (!STRATEGIES.includes(strategy) || args.length !== 2)
				return `@update needs a strategy: ${STRATEGIES.join(', ')}`;
			return { kind: 'update', userId: id, strategy };
		}
		case 'redis-down':
		case 'redis-up':
			return args.length === 0
				? { kind: 'link', isDown: name === 'redis-down' }
				: `@${name} takes nothing`;
		case 'restart':
			return args.length === 0 ? { kind: 'restart' } : '@restart takes nothing';
		case 'advance': {
			const ms = args.length === 1 ? parseDuration(args[0]!) : null;
			return ms !== null && ms > 0
				? { kind: 'advance', ms }
				: '@advance needs a duration such as 10s or 5m';
		}
		case 'step': {
			const count = args[0] === undefined ? 1 : Number(args[0]);
			return Number.isInteger(count) && count >= 1 && count <= 100 && args.length <= 1
				? { kind: 'step', count }
				: '@step takes how many steps, from 1 to 100';
		}
		case 'play':
			return args.length === 0 ? { kind: 'play' } : '@play takes nothing';
		default:
			return `unknown stage action "@${name ?? ''}" (request, update, redis-down, redis-up, restart, advance, step, play)`;
	}
}

/** Parses a block's text; `first` is the file line of its first line. Throws `[line, problem]`. */
export function parseScript(text: string, first: number): ScriptLine[] {
	const out: ScriptLine[] = [];
	let expectError = false;
	text.split('\n').forEach((raw, i) => {
		const line = first + i;
		const t = raw.trim();
		if (t === '') return;
		if (t.toLowerCase() === EXPECT_ERROR) {
			expectError = true;
			return;
		}
		if (t.startsWith('#')) return;
		if (t.startsWith('@')) {
			if (expectError)
				throw [line, '# expect error must come before a console line, not a stage action'];
			const action = parseAction(t);
			if (typeof action === 'string') throw [line, action];
			out.push({ kind: 'action', text: t, action, line });
			return;
		}
		out.push({ kind: 'console', text: raw.replace(/\s+$/, ''), expectError, line });
		expectError = false;
	});
	if (expectError) throw [first, '# expect error with no line after it'];
	return out;
}
