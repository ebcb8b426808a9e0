// A tiny static server for the built site: serves dist/ under a sub-path (default /workshop/lab/),
// so the end-to-end tests prove the relative `base: './'` build works away from the root.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const ROOT = resolve(process.env['SERVE_DIR'] ?? 'dist');
const BASE = process.env['SERVE_BASE'] ?? '/workshop/lab/';
const PORT = Number(process.env['PORT'] ?? 4317);
const HOST = process.env['HOST'] ?? '127.0.0.1';

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.json': 'application/json',
	'.png': 'image/png',
	'.ico': 'image/x-icon',
	'.woff2': 'font/woff2',
	'.txt': 'text/plain; charset=utf-8',
	'.md': 'text/markdown; charset=utf-8',
};

function isFile(path: string): boolean {
	try {
		return statSync(path).isFile();
	} catch {
		return false;
	}
}

const server = createServer((req, res) => {
	const url = new URL(req.url ?? '/', 'http://localhost');
	if (url.pathname === BASE.slice(0, -1) || url.pathname === '/') {
		res.writeHead(302, { location: BASE }).end();
		return;
	}
	if (!url.pathname.startsWith(BASE)) {
		res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
		return;
	}
	const rel = decodeURIComponent(url.pathname.slice(BASE.length)) || 'index.html';
	const file = normalize(join(ROOT, rel));
	if (!(file === ROOT || file.startsWith(ROOT + sep)) || !isFile(file)) {
		res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
		return;
	}
	res.writeHead(200, {
		'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
		'cache-control': 'no-store',
	});
	createReadStream(file).pipe(res);
});

server.listen(PORT, HOST, () => {
	console.log(`Serving ${ROOT} at http://${HOST}:${PORT}${BASE}`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => server.close(() => process.exit(0)));
}
