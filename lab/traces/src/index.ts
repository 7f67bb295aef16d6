export * from './select-traces.js';
export * from './trace-query.js';
export * from './trace-tree.js';
export * from './waterfall.js';
