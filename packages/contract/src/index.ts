export * from './limits.js';
export type * from './operation-types.js';
export * from './routes.js';
export * from './schemas.js';
