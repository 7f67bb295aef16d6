export * from './overlay.js';
export * from './pattern.js';
export * from './topology.js';
