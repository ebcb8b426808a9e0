// What runs a flow request: the request runner and the saving and resuming of lanes, all on
// XState. Loaded on demand through flow-kit.ts, so a page that never sends a request never
// downloads XState.
export { isRunning, startRequest, stepRequest } from '../flows/request-runner.ts';
export { canSaveLane, resumeLane, saveLane } from '../flows/world-snapshot.ts';
