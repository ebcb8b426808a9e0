// Mirrors the reply side of src/networking.c: the RESP value kinds a command can answer with.
// Strings are "binary strings": one JS char per byte (0–255), as Redis's sds holds bytes.

/**
 * A RESP reply. Some carry a RESP3 hint so that a connection after HELLO 3 gets what Redis sends
 * it: an array may be a map or a set, an integer a boolean (addReplyBool: 1 or 0 in RESP2), a bulk
 * verbatim text (addReplyVerbatim: a plain bulk in RESP2).
 */
export type Reply =
	| { readonly type: 'status'; readonly value: string }
	| { readonly type: 'error'; readonly value: string }
	| { readonly type: 'integer'; readonly value: number | bigint; readonly resp3?: 'bool' }
	| { readonly type: 'bulk'; readonly value: string | null; readonly resp3?: 'verbatim' }
	| { readonly type: 'double'; readonly value: string }
	| {
			readonly type: 'array';
			readonly value: readonly Reply[] | null;
			/** How RESP3 would frame it: a map of pairs, a set, or a plain array. */
			readonly resp3?: 'map' | 'set';
	  };

export const OK: Reply = Object.freeze({ type: 'status', value: 'OK' });
export const NIL: Reply = Object.freeze({ type: 'bulk', value: null });
export const NIL_ARRAY: Reply = Object.freeze({ type: 'array', value: null });
export const EMPTY_ARRAY: Reply = Object.freeze({ type: 'array', value: [] });
export const ZERO: Reply = Object.freeze({ type: 'integer', value: 0 });
export const ONE: Reply = Object.freeze({ type: 'integer', value: 1 });

export const status = (value: string): Reply => ({ type: 'status', value });
export const error = (value: string): Reply => ({ type: 'error', value });
export const integer = (value: number | bigint): Reply =>
	value === 0 ? ZERO : value === 1 ? ONE : { type: 'integer', value };
export const bulk = (value: string | null): Reply =>
	value === null ? NIL : { type: 'bulk', value };
export const array = (value: readonly Reply[], resp3?: 'map' | 'set'): Reply =>
	resp3 ? { type: 'array', value, resp3 } : { type: 'array', value };
export const bulks = (values: readonly (string | null)[], resp3?: 'map' | 'set'): Reply =>
	array(values.map(bulk), resp3);

/** Error strings shared by many commands, byte for byte as Redis 7.0 sends them (server.c shared objects). */
export const ERR = {
	wrongType: 'WRONGTYPE Operation against a key holding the wrong kind of value',
	syntax: 'ERR syntax error',
	notInteger: 'ERR value is not an integer or out of range',
	notFloat: 'ERR value is not a valid float',
	noSuchKey: 'ERR no such key',
	oom: "OOM command not allowed when used memory > 'maxmemory'.",
	execAbort: 'EXECABORT Transaction discarded because of previous errors.',
	outOfRangeIndex: 'ERR DB index is out of range',
	invalidCursor: 'ERR invalid cursor',
	wrongArgs: (name: string) => `ERR wrong number of arguments for '${name}' command`,
	invalidExpire: (name: string) => `ERR invalid expire time in '${name}' command`,
} as const;
