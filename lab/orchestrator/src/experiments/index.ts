export * from './declared-experiment.js';
export * from './fault-experiment.js';
export * from './format-report.js';
export type { Outcome, PhaseFigures, Verdict } from './phase-figures.js';
