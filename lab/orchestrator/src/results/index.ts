export * from './machine.js';
export * from './results-store.js';
export * from './run-records.js';
export * from './trade-off-card.js';
export * from './trade-off-card-markdown.js';
export * from './trade-off-card-readme.js';
