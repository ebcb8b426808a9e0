// One line naming the machine a bench ran on. Absolute times depend on it (and on what else it
// was doing), so every bench prints this first and a figure can be read against it later.
import { cpus, loadavg, totalmem, type } from 'node:os';

export function machineLine(): string {
	const cores = cpus();
	const model = cores[0]?.model.trim() ?? 'unknown CPU';
	const gib = (totalmem() / 2 ** 30).toFixed(1);
	const load = loadavg()
		.map((x) => x.toFixed(2))
		.join(' ');
	return (
		`machine: ${cores.length} × ${model}, ${gib} GiB, ${type()}, Node ${process.version}; ` +
		`load average ${load} at start`
	);
}
