export type { TokenVerifier } from './authentication.js';
export {
  type ConduitHandler,
  type ConduitHandlers,
  type ConduitRequest,
  registerConduitApi,
} from './conduit-api.js';
export { errorBody } from './errors.js';
export { forwardIdempotencyKeys, idempotencyKeyHeaders } from './forwarded-idempotency-key.js';
export { requireViewer, VIEWER_HEADER, viewerHeaders, viewerOf } from './forwarded-viewer.js';
export type { IdempotencyStore, StoredAnswer } from './idempotency.js';
export { type ConduitServer, type ConduitServerOptions, createConduitServer } from './server.js';
export { createServiceServer, type Readiness } from './service-server.js';
export { turnsByKey } from './turns-by-key.js';
