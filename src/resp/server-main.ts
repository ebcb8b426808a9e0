// `npm run server -- [--port 6380] [--host 127.0.0.1]`: the engine behind a RESP server.
import { parseArgs } from 'node:util';
import { startServer } from './server.ts';

const { values } = parseArgs({
	options: {
		port: { type: 'string', short: 'p', default: '6380' },
		host: { type: 'string', short: 'h', default: '127.0.0.1' },
	},
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
	console.error(`invalid --port ${values.port}`);
	process.exit(1);
}

const server = await startServer({ port, host: values.host });
const where = `${server.host}:${server.port}`;
console.log(`Cache Lab engine speaking RESP (Redis 7.0 protocol) on ${where}`);
if (server.host === '127.0.0.1' || server.host === '::1' || server.host === 'localhost') {
	console.log('Bound to loopback only; pass --host 0.0.0.0 to accept other machines.');
} else {
	console.log(`Accepting connections from other machines on ${server.host} (no password).`);
}
console.log(`Try: redis-cli -p ${server.port}`);

const stop = () => {
	void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
