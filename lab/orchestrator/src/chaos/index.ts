export * from './format-chaos.js';
export * from './hypothesis.js';
export * from './invariants.js';
export * from './run-chaos.js';
export * from './vocabulary.js';
