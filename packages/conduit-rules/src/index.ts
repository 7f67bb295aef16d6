export * from './failures.js';
export * from './pagination.js';
export * from './slug.js';
export * from './validation.js';
