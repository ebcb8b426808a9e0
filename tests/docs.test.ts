// The repo explains itself: no comment, message, test name or doc may send the reader to a document
// that is not in the repo (design notes, measurement logs, briefs kept elsewhere, issue numbers).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

/** Names of documents that live outside the repo (spelled in pieces so this file passes itself). */
const OUTSIDE_DOCS = ['DESIGN', 'REDIS-7.0', 'SCENARIOS', 'RECIPE', 'STYLE', 'TEACHING'].map(
	(name) => `${name}.md`,
);
const OUTSIDE_DIR = ['..', 'shared'].join('/');
const ISSUE_NUMBER = /\bissues?\s+#?\d+/i;

/** Each line of `text` that cites something outside the repo, as `line: text`. */
function outsideCitations(text: string): string[] {
	const found: string[] = [];
	text.split('\n').forEach((line, i) => {
		const cites =
			OUTSIDE_DOCS.some((doc) => line.includes(doc)) ||
			line.includes(OUTSIDE_DIR) ||
			ISSUE_NUMBER.test(line);
		if (cites) found.push(`${i + 1}: ${line.trim()}`);
	});
	return found;
}

const CHECKED = /^(src|tests|lessons)\/|^[^/]+\.md$/;

function trackedFiles(): string[] {
	try {
		return execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
			.split('\0')
			.filter((path) => path !== '');
	} catch {
		// Not a git checkout (an unpacked tarball): every file but dependencies and build output.
		return readdirSync(ROOT, { recursive: true, withFileTypes: true })
			.filter((entry) => entry.isFile())
			.map((entry) => relative(ROOT, join(entry.parentPath, entry.name)).replaceAll('\\', '/'))
			.filter((path) => !/^(node_modules|dist|test-results|\.git)\//.test(path));
	}
}

describe('the repo cites nothing outside itself', () => {
	it('src/, tests/, lessons/ and the top-level docs name no outside document or issue number', () => {
		const files = trackedFiles().filter((path) => CHECKED.test(path));
		expect(files).toContain('README.md');
		const offenders: string[] = [];
		for (const path of files) {
			const full = join(ROOT, path);
			// A tracked file another change is deleting right now is not there to read.
			if (!existsSync(full) || !statSync(full).isFile()) continue;
			const text = readFileSync(full, 'utf8');
			if (text.includes('\0')) continue;
			for (const hit of outsideCitations(text)) offenders.push(`${path}:${hit}`);
		}
		expect(offenders).toEqual([]);
	});
});

describe('outsideCitations', () => {
	it('finds each outside document, the shared folder and issue numbers', () => {
		const text = [
			`// see ${OUTSIDE_DOCS[0]} §3`,
			'fine line',
			`/** ${OUTSIDE_DOCS[1]} §2.7 */`,
			`import x from '${OUTSIDE_DIR}/notes';`,
			`// (issue ${5}: memory)`,
			`// Issues #${12} and 13`,
			`# ${OUTSIDE_DOCS[5]}`,
		].join('\n');
		expect(outsideCitations(text).map((hit) => hit.split(':')[0])).toEqual([
			'1',
			'3',
			'4',
			'5',
			'6',
			'7',
		]);
	});

	it('lets ordinary prose and repo docs through', () => {
		const text = [
			'// Issue times never go back (the DB connection pool)',
			'// see src/README.md and tests/bench/README.md',
			'"my issues detector can\'t be used in these conditions"',
			'// 7 issues left',
		].join('\n');
		expect(outsideCitations(text)).toEqual([]);
	});
});
