// Setup for the Node and jsdom test projects: the engine's on-demand commands and the flow runtime
// (requests on XState) are separate downloads on the page; tests use all of them, so load them first.
import { loadAllCommands } from '../src/engine/index.ts';
import { loadFlowRuntime } from '../src/lab/flow-kit.ts';

await Promise.all([loadAllCommands(), loadFlowRuntime()]);
