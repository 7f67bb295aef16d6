export * from './call-url.js';
export * from './downstream-client.js';
export * from './downstream-failures.js';
