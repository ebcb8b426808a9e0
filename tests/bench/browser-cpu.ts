// The CPU time a browser's processes spend, thread by thread, read from /proc (Linux only). What a
// busy page costs is not all on its main thread: while a compositor animation runs and frames are
// not held to the display's rate, the compositor thread draws as fast as it can, on the same cores
// that handle what is typed.
import { readFileSync, readdirSync } from 'node:fs';
import { basename } from 'node:path';

/** USER_HZ: /proc counts CPU time in ticks of 1/100 s on every Linux this runs on. */
const MS_PER_TICK = 10;

/** CPU ms so far per "process type/thread name" of every Chromium process; empty without /proc. */
export function browserThreadCpu(): Map<string, number> {
	const used = new Map<string, number>();
	let pids: string[];
	try {
		pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
	} catch {
		return used;
	}
	for (const pid of pids) {
		try {
			// Chromium rewrites its child processes' titles into one space-separated string.
			const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
			if (!/^chrom/i.test(basename(cmd.split(' ')[0] ?? ''))) continue;
			const kind = / --type=([a-z-]+)/.exec(cmd)?.[1] ?? 'browser';
			for (const tid of readdirSync(`/proc/${pid}/task`)) {
				const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
				// The thread's name sits in parentheses and may hold spaces; utime and stime are the
				// 12th and 13th fields after it.
				const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
				const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
				const ms = (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
				const key = `${kind}/${name}`;
				used.set(key, (used.get(key) ?? 0) + ms);
			}
		} catch {
			// The process or thread ended between the listing and the read.
		}
	}
	return used;
}

export interface CpuShare {
	/** CPU time over wall time, all threads: 1 is one core kept busy. */
	readonly cores: number;
	/** The busiest threads, the same unit. */
	readonly top: readonly { readonly thread: string; readonly cores: number }[];
}

/** What the browser used between two readings taken `wallMs` apart. */
export function cpuShare(
	before: ReadonlyMap<string, number>,
	after: ReadonlyMap<string, number>,
	wallMs: number,
): CpuShare {
	const per = [...after].map(([thread, ms]) => ({
		thread,
		cores: (ms - (before.get(thread) ?? 0)) / wallMs,
	}));
	per.sort((a, b) => b.cores - a.cores);
	return {
		cores: per.reduce((sum, t) => sum + t.cores, 0),
		top: per.slice(0, 3).filter((t) => t.cores > 0),
	};
}
