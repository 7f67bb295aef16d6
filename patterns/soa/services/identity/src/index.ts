export { buildIdentity, type IdentityOptions, identityEndpoints } from './app.js';
export { identityOperations } from './identity.operations.js';
