// Mirrors no Redis file: the experiments' own door, for the Labs screen and its worker. Kept apart
// from the engine's index.ts so that the first screen's chunk never carries them.
export { antirezFigure } from './antirez-figure.ts';
export type { FigureResult, FigureSummary, KeyFate } from './antirez-figure.ts';
export type { FigureVariant } from './figure-evictors.ts';
export { LFU_TABLE_FACTORS, LFU_TABLE_HITS, lfuFactorTable } from './lfu-counter.ts';
export { lfuDecayCurve } from './lfu-decay.ts';
export type { LfuDecayCurve, LfuDecayPoint } from './lfu-decay.ts';
