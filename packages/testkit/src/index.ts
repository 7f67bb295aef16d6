export * from './conduit-contract.js';
export * from './cuttable-proxy.js';
export * from './services.js';
