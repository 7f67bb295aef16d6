export * from './config.js';
export * from './data-dir.js';
export * from './jwt-tokens.js';
export * from './logger.js';
export * from './password-hashing.js';
export * from './server-settings.js';
export * from './shutdown.js';
