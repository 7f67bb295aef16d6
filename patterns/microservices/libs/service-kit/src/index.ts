// The forwarded viewer, `/health` and `/ready` are the same behind every gateway of the lab.
export {
  idempotencyKeyHeaders,
  type Readiness,
  requireViewer,
  VIEWER_HEADER,
  viewerHeaders,
  viewerOf,
} from '@journey/conduit-http';
export * from './batch-params.js';
export * from './database.js';
export * from './run-service.js';
export * from './service-server.js';
