// The forwarded viewer, `/health` and `/ready` are the same behind every gateway of the lab.
export {
  createServiceServer,
  type Readiness,
  requireViewer,
  VIEWER_HEADER,
  viewerHeaders,
  viewerOf,
} from '@journey/conduit-http';
export * from './batch-params.js';
export * from './database.js';
export * from './run-service.js';
