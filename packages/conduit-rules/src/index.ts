export * from './article-edit.js';
export * from './failures.js';
export * from './pagination.js';
export * from './slug.js';
export * from './user-account.js';
export * from './validation.js';
