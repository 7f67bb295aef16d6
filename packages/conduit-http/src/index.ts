export { errorBody } from './errors.js';
export { type ConduitServer, createConduitServer } from './server.js';
