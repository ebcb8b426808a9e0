// Finds the Chromium the end-to-end tests drive: $CHROMIUM_PATH, then Debian's /usr/bin/chromium,
// then Playwright's own download (what `npx playwright install chromium` puts on a laptop).
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

export interface Browser {
	/** Passed to Playwright as `launchOptions.executablePath`; undefined = Playwright's own. */
	readonly executablePath: string | undefined;
	/** Where it was found, for logs. */
	readonly source: string;
}

export const HOW_TO_GET_A_BROWSER =
	'No Chromium found: run `apt-get install chromium` (Debian/Ubuntu) or `npx playwright install chromium`, or set CHROMIUM_PATH to a Chromium binary.';

/** Flags for a closed network, possibly as root (no sandbox). Playwright adds --headless itself. */
export const CHROMIUM_ARGS: readonly string[] = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
];

export function findBrowser(env: NodeJS.ProcessEnv = process.env): Browser | null {
	const fromEnv = env['CHROMIUM_PATH'];
	if (fromEnv) {
		return existsSync(fromEnv) ? { executablePath: fromEnv, source: '$CHROMIUM_PATH' } : null;
	}
	if (existsSync('/usr/bin/chromium')) {
		return { executablePath: '/usr/bin/chromium', source: '/usr/bin/chromium' };
	}
	let own: string;
	try {
		own = chromium.executablePath();
	} catch {
		return null;
	}
	return own && existsSync(own) ? { executablePath: undefined, source: own } : null;
}
