export * from './conduit-contract.js';
export * from './services.js';
