import type { Logger, ServiceProcess } from '@journey/platform';
import { buildBus } from '@journey/soa-bus';
import type { ServiceName } from '@journey/soa-contracts';
import { engagementEndpoints } from '@journey/soa-engagement';
import { identityEndpoints } from '@journey/soa-identity';
import { publishingEndpoints } from '@journey/soa-publishing';
import { buildSoapService, type EndpointsOf } from '@journey/soa-service-host';
import { startRegistry } from '../registry/registry-support.js';

/**
 * The whole SOA pattern in this process, shaped like a single-process Conduit's `buildApp` (testkit's
 * BuildConduit): a registry, the three real services listening on free ports over one enterprise
 * database, registered; and the bus, not yet listening, as the `app` the caller starts.
 */
export async function buildWholePattern(options: { databaseUrl: string; jwtSecret: string; logger: Logger }) {
  const registry = await startRegistry();
  const started: ServiceProcess[] = [];
  const close = async () => {
    for (const service of started.splice(0).reverse()) await service.close();
    await registry.close();
  };
  const endpoints: [ServiceName, EndpointsOf][] = [
    // Identity first: it migrates the shared schema, as the topology starts it before the others.
    ['identity', (data) => identityEndpoints(data, options.jwtSecret)],
    ['publishing', publishingEndpoints],
    ['engagement', engagementEndpoints],
  ];
  try {
    for (const [service, endpointsOf] of endpoints) {
      const process = await buildSoapService({
        service,
        databaseUrl: options.databaseUrl,
        logger: options.logger.child({ name: service }),
        registry: registry.url,
        endpoints: endpointsOf,
      });
      started.push(process);
      await process.app.listen({ port: 0, host: '127.0.0.1' });
    }
    const bus = await buildBus({
      logger: options.logger.child({ name: 'bus' }),
      jwtSecret: options.jwtSecret,
      registryUrl: registry.url,
    });
    return {
      app: bus.app,
      close: async () => {
        await bus.close();
        await close();
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}
