import { env, runService } from '@journey/platform';
import type { ServiceName } from '@journey/soa-contracts';
import { registryUrl } from '@journey/soa-registry/client';
import { buildSoapService, type EndpointsOf } from './soap-service.js';

/**
 * Where each enterprise service listens when started by hand (`npx tsx services/<name>/src/main.ts`);
 * the bus takes 3000 and the registry 3009. The lab overrides them with free ports.
 */
export const DEFAULT_SERVICE_PORTS: Readonly<Record<ServiceName, number>> = {
  identity: 3001,
  publishing: 3002,
  engagement: 3003,
};

/** The enterprise database every service opens when DATABASE_URL is not set: one file, shared. */
export const DEFAULT_ENTERPRISE_DATABASE = '.journey/soa/enterprise.sqlite';

/**
 * The `main.ts` of every enterprise service: PORT, HOST, DATABASE_URL and REGISTRY_URL from the
 * environment (defaults: the port above, 127.0.0.1, the shared SQLite file, the local registry), build,
 * register once listening, deregister then close cleanly on SIGTERM. A service always registers: the
 * bus finds services only through the registry, so one it cannot register with fails to start.
 */
export function runSoapService(service: ServiceName, endpoints: EndpointsOf): void {
  runService(service, {
    settings: () => ({
      port: env.integer('PORT', DEFAULT_SERVICE_PORTS[service], { max: 65_535 }),
      host: env.string('HOST', '127.0.0.1')!,
      databaseUrl: env.string('DATABASE_URL', DEFAULT_ENTERPRISE_DATABASE)!,
      registry: registryUrl(),
    }),
    build: (log, settings) =>
      buildSoapService({
        service,
        databaseUrl: settings.databaseUrl,
        logger: log,
        registry: settings.registry,
        endpoints,
      }),
    describe: ({ registry }) => ({ registry }),
  });
}
