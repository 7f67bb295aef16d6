export * from './pattern.js';
export * from './topology.js';
