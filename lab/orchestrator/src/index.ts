export * from './bench/bench.js';
export * from './bench/consumer-batches.js';
export { groupPids, groupRss } from './bench/process-memory.js';
export * from './bench/propagation.js';
export * from './events/event-admin.js';
export * from './experiments/index.js';
export * from './runtime.js';
export * from './seed/seed.js';
