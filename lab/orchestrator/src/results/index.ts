export * from './machine.js';
export * from './results-store.js';
export * from './run-records.js';
