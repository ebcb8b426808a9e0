// `npm run bench`: runs every tests/bench/*.bench.ts file, one process each.
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

const files = list(join('tests', 'bench'), '.bench.ts');
if (files.length === 0) {
	console.log('no benchmarks yet');
	process.exit(0);
}

let failed = 0;
for (const file of files) {
	console.log(`\n== ${file}`);
	const run = spawnSync(process.execPath, ['--import', 'tsx', file, ...process.argv.slice(2)], {
		stdio: 'inherit',
	});
	if (run.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
