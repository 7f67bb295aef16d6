export * from './hosted-units.js';
export * from './lost-answer.js';
export * from './overlay.js';
export * from './pattern.js';
export * from './text-columns.js';
export * from './topology.js';
export * from './traffic-report.js';
