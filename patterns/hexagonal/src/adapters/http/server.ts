import { type ConduitServer, createConduitServer } from '@journey/conduit-http';

/** The wire behaviour (JSON, CORS, limits, error shape) is shared by every pattern; the ports are ours. */
export type App = ConduitServer;
export const createServer = createConduitServer;
