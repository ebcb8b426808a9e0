// Mirrors struct zset in src/server.h and the zset* core of src/t_zset.c: a dict from member to
// score beside an ordered list of (score, member) with ranks (zset-order.ts stands in for the
// skiplist). A listpack-encoded zset uses the same two structures (its order is the skiplist's
// order); only its memory is priced as a listpack.
import { lpPairBytes, nodeAlloc, skipMemberAlloc } from './memory-zset.ts';
import type { Random } from './random.ts';
import { MemberDict } from './zset-dict.ts';
import { ZNode, ZOrder, randomLevel } from './zset-order.ts';

/**
 * Steps a rehash of `slots` buckets holding `used` entries takes: dictRehash moves one non-empty
 * bucket per step (about 1 − e^(−load) of them are in use) but gives up after 10 empty ones. Which
 * buckets are empty depends on Redis's randomly seeded hash, so this is the expected count.
 */
function rehashSteps(slots: number, used: number): number {
	const nonEmpty = slots * (1 - Math.exp(-used / slots));
	return Math.max(1, Math.round(Math.max(nonEmpty, slots / 11)));
}

export class ZSet {
	/** member → its node (the node holds the score, as Redis's dict points at the skiplist's). */
	readonly dict = new MemberDict();
	readonly zsl = new ZOrder();
	/** Slots of the dict's main table, grown and shrunk as dict.c does. */
	slots = 0;
	/** Slots of the table being rehashed away (0 when none) and the rehash steps still owed. */
	oldSlots = 0;
	rehashLeft = 0;
	/** Σ sds + node allocation over the members (what a skiplist costs beyond its fixed parts). */
	nodeSum = 0;
	/** Σ listpack bytes of each member and score, kept only while `lpTracked` (a small zset). */
	lpSum = 0;
	lpTracked = true;

	get size(): number {
		return this.dict.size;
	}

	/** dictFind: the member's node (which holds its score). */
	find(member: string): ZNode | undefined {
		this.rehashStep();
		return this.dict.get(member);
	}

	/** A dict built afresh for the current members (zsetConvert adds them one by one). */
	resetDict(): void {
		this.expandDict(this.dict.size);
		if (this.dict.size === 0) this.slots = 0;
	}

	/** dictExpand on the new, empty dict of zsetTypeCreate: room for `hint` members up front. */
	expandDict(hint: number): void {
		let slots = 4;
		while (slots < hint) slots *= 2;
		this.slots = slots;
		this.oldSlots = 0;
		this.rehashLeft = 0;
	}

	/** _dictRehashStep: dictFind, dictAdd and dictDelete each move the rehash along. */
	rehashStep(): void {
		if (this.rehashLeft > 0 && --this.rehashLeft === 0) this.oldSlots = 0;
	}

	/** Inserts a member known to be absent (dictAdd after zslInsert). */
	insert(member: string, score: number, rng: Random): ZNode {
		const node = new ZNode(member, score, randomLevel(rng));
		this.zsl.insert(node);
		this.rehashStep();
		this.dict.set(member, node);
		this.nodeSum += skipMemberAlloc(member, node.level);
		if (this.lpTracked) this.lpSum += lpPairBytes(member, score);
		this.#grow();
		return node;
	}

	/** Sets an existing member's score (zslUpdateScore); a moved member prices its new level. */
	update(node: ZNode, score: number, rng: Random): void {
		if (this.lpTracked) this.lpSum -= lpPairBytes(node.ele, node.score);
		const level = node.level;
		this.zsl.updateScore(node, score, rng);
		if (node.level !== level) this.nodeSum += nodeAlloc(node.level) - nodeAlloc(level);
		if (this.lpTracked) this.lpSum += lpPairBytes(node.ele, score);
	}

	/** zsetRemoveFromSkiplist + the resize zsetDel asks for. True if the member was there. */
	delete(member: string): boolean {
		this.rehashStep();
		const node = this.dict.get(member);
		if (!node) return false;
		this.#forget(node);
		this.#shrink();
		return true;
	}

	/** Removes a node found by a walk (pops and range deletions). */
	deleteNode(node: ZNode): void {
		this.rehashStep();
		this.#forget(node);
	}

	#forget(node: ZNode): void {
		this.dict.delete(node.ele);
		this.zsl.delete(node);
		this.nodeSum -= skipMemberAlloc(node.ele, node.level);
		if (this.lpTracked) this.lpSum -= lpPairBytes(node.ele, node.score);
	}

	/** Starts or stops keeping lpSum (zsetConvert between listpack and skiplist). */
	trackListpack(on: boolean): void {
		this.lpTracked = on;
		this.lpSum = 0;
		if (on) for (const x of this.nodes()) this.lpSum += lpPairBytes(x.ele, x.score);
	}

	/** htNeedsResize + dictResize after deletions, as zsetDel and zremrangeGeneric do. */
	shrink(): void {
		this.#shrink();
	}

	#grow(): void {
		const used = this.dict.size;
		if (this.slots === 0) {
			this.slots = 4;
			return;
		}
		if (used <= this.slots) return;
		this.#startRehash(this.slots, used - 1);
		let next = this.slots;
		while (next < used) next *= 2;
		this.slots = next;
	}

	#shrink(): void {
		const used = this.dict.size;
		if (this.slots > 4 && (used * 100) / this.slots < 10 && this.rehashLeft === 0) {
			let next = 4;
			while (next < used) next *= 2;
			if (next < this.slots) {
				this.#startRehash(this.slots, used);
				this.slots = next;
			}
		}
	}

	#startRehash(from: number, used: number): void {
		this.oldSlots = from;
		this.rehashLeft = rehashSteps(from, used);
	}

	/** The longest member, in bytes (zsetConvertToListpackIfNeeded's maxelelen). */
	longestMember(): number {
		let longest = 0;
		for (const member of this.dict.keys()) if (member.length > longest) longest = member.length;
		return longest;
	}

	/** Members in order, lowest score first. */
	nodes(): Iterable<ZNode> {
		return this.zsl.walk(0);
	}

	/** A detached copy node for node, same levels, for COPY and the engine's snapshots. */
	clone(): ZSet {
		const copy = new ZSet();
		for (const x of this.nodes()) {
			const node = new ZNode(x.ele, x.score, x.level);
			copy.zsl.insert(node);
			copy.dict.set(x.ele, node);
		}
		copy.nodeSum = this.nodeSum;
		copy.lpSum = this.lpSum;
		copy.lpTracked = this.lpTracked;
		copy.slots = this.slots;
		copy.oldSlots = this.oldSlots;
		copy.rehashLeft = this.rehashLeft;
		return copy;
	}
}
