import { type ConduitServer, createConduitServer } from '@journey/conduit-http';

/** The wire behaviour (JSON, CORS, limits, error shape) is shared by every pattern; the layers are ours. */
export type Server = ConduitServer;
export const createServer = createConduitServer;
