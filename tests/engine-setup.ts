// Setup for the Node and jsdom test projects: the engine's data-type command families load on
// demand (on the page they are a separate download); tests use every command, so load them first.
import { loadAllCommands } from '../src/engine/index.ts';

await loadAllCommands();
