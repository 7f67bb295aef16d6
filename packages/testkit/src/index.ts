export { cuttableProxy } from '@journey/provisioning';
export * from './conduit-contract.js';
export * from './services.js';
