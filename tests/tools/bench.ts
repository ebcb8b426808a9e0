// `npm run bench`: runs every tests/bench/*.bench.ts file, one process each.
// `npm run bench -- ui labs` runs only ui.bench.ts and labs.bench.ts; arguments after `--`
// (`npm run bench -- ui -- --loads 5`) go to each bench.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

function list(dir: string, suffix: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((name) => name.endsWith(suffix))
		.sort()
		.map((name) => join(dir, name));
}

const args = process.argv.slice(2);
const split = args.indexOf('--');
const names = split === -1 ? args.filter((a) => !a.startsWith('-')) : args.slice(0, split);
const passOn = split === -1 ? args.filter((a) => a.startsWith('-')) : args.slice(split + 1);
const all = list(join('tests', 'bench'), '.bench.ts');
const files =
	names.length === 0
		? all
		: all.filter((file) => names.some((n) => file.endsWith(`${n}.bench.ts`)));
const unknown = names.filter((n) => !all.some((file) => file.endsWith(`${n}.bench.ts`)));
if (unknown.length > 0) {
	console.error(`no such benchmark: ${unknown.join(', ')} (have: ${all.join(', ')})`);
	process.exit(1);
}
if (files.length === 0) {
	console.log('no benchmarks yet');
	process.exit(0);
}

let failed = 0;
for (const file of files) {
	console.log(`\n== ${file}`);
	const run = spawnSync(process.execPath, ['--import', 'tsx', file, ...passOn], {
		stdio: 'inherit',
	});
	if (run.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
