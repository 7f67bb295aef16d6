export * from './topology.js';
export * from './pattern.js';
