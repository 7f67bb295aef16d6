export * from './broker.js';
export * from './database.js';
