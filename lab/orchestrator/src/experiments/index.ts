export * from './declared-experiment.js';
export * from './fault-experiment.js';
export { FaultRefused } from './faults/index.js';
export * from './format-report.js';
export * from './pattern-experiment.js';
export type { Outcome, PhaseFigures, Verdict } from './phase-figures.js';
export type { WriteAudit } from './write-audit.js';
