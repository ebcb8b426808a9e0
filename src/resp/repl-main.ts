// `npm run repl`: redis-cli's prompt on the engine, its clock following wall time. Piped input
// prints only the replies, so `npm run -s repl < script.txt` diffs against `FAKETTY=1 redis-cli`.
import { runRepl } from './repl.ts';

const terminal = process.stdin.isTTY === true;
await runRepl({ input: process.stdin, output: process.stdout, terminal });
process.exit(0);
