// Mirrors bitfieldGeneric in src/bitops.c: BITFIELD and BITFIELD_RO. Every operation is parsed
// (and every error found) before the key is touched; then the ops run in order on one buffer.
import {
	checkSigned,
	checkUnsigned,
	fromBytes,
	getSignedBitfield,
	getUnsignedBitfield,
	setBitfield,
	toBytes,
	type Overflow,
} from '../bits.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { bitfieldResult } from '../dirty.ts';
import { lookupKeyRead, lookupKeyWrite } from '../keyspace.ts';
import { parseStrictInt64 } from '../object.ts';
import { ERR, NIL, array, error, integer, type Reply } from '../reply.ts';
import {
	BITFIELD_TYPE_ERR,
	BIT_OFFSET_ERR,
	bitOffset,
	bitfieldType,
	writeBits,
} from './bit-lookup.ts';

interface BitfieldOp {
	readonly opcode: 'get' | 'set' | 'incrby';
	readonly offset: number;
	readonly signed: boolean;
	readonly bits: number;
	/** SET's value or INCRBY's increment (int64). */
	readonly value: bigint;
	readonly overflow: Overflow;
}

/** The parsed operations, or the error the first bad argument gives. */
function parseOps(argv: readonly string[]): BitfieldOp[] | Reply {
	const ops: BitfieldOp[] = [];
	let overflow: Overflow = 'wrap';
	for (let j = 2; j < argv.length; j++) {
		const remargs = argv.length - j - 1;
		const sub = argv[j]!.toLowerCase();
		let opcode: BitfieldOp['opcode'];
		if (sub === 'get' && remargs >= 2) opcode = 'get';
		else if (sub === 'set' && remargs >= 3) opcode = 'set';
		else if (sub === 'incrby' && remargs >= 3) opcode = 'incrby';
		else if (sub === 'overflow' && remargs >= 1) {
			const kind = argv[++j]!.toLowerCase();
			if (kind !== 'wrap' && kind !== 'sat' && kind !== 'fail')
				return error('ERR Invalid OVERFLOW type specified');
			overflow = kind;
			continue;
		} else return error(ERR.syntax);
		const type = bitfieldType(argv[j + 1]!);
		if (!type) return error(BITFIELD_TYPE_ERR);
		const offset = bitOffset(argv[j + 2]!, type.bits);
		if (offset === null) return error(BIT_OFFSET_ERR);
		let value = 0n;
		if (opcode !== 'get') {
			const parsed = parseStrictInt64(argv[j + 3]!);
			if (parsed === null) return error(ERR.notInteger);
			value = parsed;
		}
		ops.push({ opcode, offset, ...type, value, overflow });
		j += opcode === 'get' ? 2 : 3;
	}
	return ops;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** An integer reply: a plain number where one is exact, as the other commands reply. */
const intReply = (v: bigint): Reply => integer(v >= -MAX_SAFE && v <= MAX_SAFE ? Number(v) : v);

/**
 * One SET or INCRBY on the buffer: its reply (old value, new value, or nil when FAIL refuses).
 * A write that is done counts in bitfieldResult.changes when the key was created or grown or the
 * field's value changed.
 */
function writeOp(bytes: Uint8Array, op: BitfieldOp, dirty: boolean): Reply {
	const { offset, bits, overflow } = op;
	const old = op.signed
		? getSignedBitfield(bytes, offset, bits)
		: getUnsignedBitfield(bytes, offset, bits);
	const check = op.signed ? checkSigned : checkUnsigned;
	const result =
		op.opcode === 'incrby'
			? check(old, op.value, bits, overflow)
			: check(op.value, 0n, bits, overflow);
	if (result.overflow && overflow === 'fail') return NIL;
	setBitfield(bytes, offset, bits, result.value);
	if (dirty || result.value !== old) bitfieldResult.changes++;
	return intReply(op.opcode === 'incrby' ? result.value : old);
}

/** GET: bits past the end of the string (or of a missing one) read as zeros. */
function readOp(bytes: Uint8Array, op: BitfieldOp): Reply {
	return intReply(
		op.signed
			? getSignedBitfield(bytes, op.offset, op.bits)
			: getUnsignedBitfield(bytes, op.offset, op.bits),
	);
}

/**
 * Only GETs: a read lookup (a missing key reads as zeros). Any SET or INCRBY: BITFIELD_RO refuses,
 * BITFIELD makes the string long enough for the farthest bit written, even if FAIL then writes
 * nothing, and turns it raw.
 */
function bitfieldGeneric({ server, db, argv }: CommandContext, readonly: boolean): Reply {
	bitfieldResult.changes = 0;
	const ops = parseOps(argv);
	if (!Array.isArray(ops)) return ops;
	const key = argv[1]!;
	const writes = ops.filter((op) => op.opcode !== 'get');
	if (writes.length === 0) {
		const obj = lookupKeyRead(server, db, key);
		if (obj && obj.type !== 'string') return error(ERR.wrongType);
		const s = obj ? obj.value : '';
		return array(
			ops.map((op) => {
				// As Redis does, copy the (at most) 9 bytes the field can touch, zero-padded.
				const byte = Math.floor(op.offset / 8);
				const window = toBytes(s.slice(byte, byte + 9), 9);
				return readOp(window, { ...op, offset: op.offset - byte * 8 });
			}),
		);
	}
	if (readonly) return error('ERR BITFIELD_RO only supports the GET subcommand');
	const obj = lookupKeyWrite(server, db, key);
	if (obj && obj.type !== 'string') return error(ERR.wrongType);
	const maxbit = Math.max(...writes.map((op) => op.offset + op.bits - 1));
	const replies: Reply[] = [];
	writeBits(server, db, key, obj, maxbit, (padded, dirty) => {
		const bytes = toBytes(padded);
		for (const op of ops)
			replies.push(op.opcode === 'get' ? readOp(bytes, op) : writeOp(bytes, op, dirty));
		return { value: fromBytes(bytes), modified: bitfieldResult.changes > 0 };
	});
	return array(replies);
}

const SUBCOMMANDS =
	'GET encoding offset | [OVERFLOW <WRAP | SAT | FAIL>] <SET encoding offset value | INCRBY encoding offset increment>';

export const bitfieldCommands: readonly CommandSpec[] = [
	{
		name: 'BITFIELD',
		arity: -2,
		flags: ['write', 'denyoom'],
		group: 'bitmap',
		summary:
			'Reads, sets or increments integers of any width (i1 to i64, u1 to u63) inside a string.',
		syntax: `key [<${SUBCOMMANDS}> ...]`,
		since: '3.2.0',
		keys: [1, 1, 1],
		run: (ctx) => bitfieldGeneric(ctx, false),
	},
	{
		name: 'BITFIELD_RO',
		arity: -2,
		flags: ['readonly', 'fast'],
		group: 'bitmap',
		summary: 'Reads integers of any width inside a string: BITFIELD with GET only.',
		syntax: 'key [GET encoding offset [GET encoding offset ...]]',
		since: '6.0.0',
		keys: [1, 1, 1],
		run: (ctx) => bitfieldGeneric(ctx, true),
	},
];
