export * from './bench/bench.js';
export * from './bench/pattern-benches.js';
export { groupPids, groupRss } from './bench/process-memory.js';
export * from './bench/startup.js';
export * from './chaos/index.js';
export * from './compare/migration.js';
export * from './experiments/index.js';
export * from './runtime.js';
export * from './seed/seed.js';
