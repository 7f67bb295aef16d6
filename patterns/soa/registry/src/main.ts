import { env, runService } from '@journey/platform';
import { buildRegistry } from './app.js';
import { DEFAULT_REGISTRY_PORT } from './client.js';

runService('registry', {
  settings: () => ({
    port: env.integer('PORT', DEFAULT_REGISTRY_PORT, { max: 65_535 }),
    host: env.string('HOST', '127.0.0.1')!,
    leaseMs: env.integer('REGISTRY_LEASE_MS', 10_000, { min: 300, max: 600_000 }),
  }),
  build: async (log, { leaseMs }) => buildRegistry({ logger: log, leaseMs }),
  describe: ({ leaseMs }) => ({ leaseMs }),
});
