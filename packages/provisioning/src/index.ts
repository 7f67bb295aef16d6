export * from './broker.js';
export * from './cuttable-proxy.js';
export * from './database.js';
export * from './infrastructure-kind.js';
export * from './registry.js';
