export * from './downstream.js';
export * from './failures.js';
