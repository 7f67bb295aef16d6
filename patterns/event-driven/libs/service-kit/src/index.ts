// The forwarded viewer is the same behind every gateway of the lab.
export { requireViewer, VIEWER_HEADER, viewerHeaders, viewerOf } from '@journey/conduit-http';
export * from './announce.js';
export * from './applied-waiter.js';
export * from './messaging.js';
export * from './messaging.routes.js';
export * from './run-service.js';
export * from './service-database.js';
export * from './service-server.js';
export * from './settings.js';
export * from './start-service.js';
