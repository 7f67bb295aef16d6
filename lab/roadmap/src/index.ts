export * from './data-dir.js';
export * from './progress.store.js';
export * from './roadmap.format.js';
export * from './roadmap.loader.js';
export * from './stage.js';
export * from './stage-status.js';
