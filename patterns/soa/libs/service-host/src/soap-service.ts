import { createServiceServer } from '@journey/conduit-http';
import type { ListenAddress, Logger, ServiceProcess } from '@journey/platform';
import type { Contract, ServiceName } from '@journey/soa-contracts';
import { type InstanceAnnouncement, registeredProcess } from '@journey/soa-registry';
import { createSoapEndpoint, type SoapEndpoint, type SoapImplementation } from '@journey/soa-soap-kit';
import { type EnterpriseData, type OpenEnterpriseData, openEnterpriseData } from './enterprise-data.js';
import { mountSoapEndpoint } from './soap-mount.js';

/** One contract version a process serves, and the handlers of its operations. */
export interface ServiceEndpoint {
  contract: Contract;
  implementation: SoapImplementation;
}

/** What a service gives its host: its endpoints, built over the enterprise data. */
export type EndpointsOf = (
  data: EnterpriseData,
  log: Logger,
) => ServiceEndpoint[] | Promise<ServiceEndpoint[]>;

export interface SoapServiceOptions {
  service: ServiceName;
  /** `postgres://…`, or a SQLite file: the enterprise database every service shares. */
  databaseUrl: string;
  logger: Logger;
  /** The registry's URL; without one the process registers nowhere (a test of the service alone). */
  registry?: string;
  endpoints: EndpointsOf;
}

/** pattern: every contract version has its own address, `/soap/<service>/v<major>` (ADR 13). */
export const endpointPath = (service: ServiceName, major: number) => `/soap/${service}/v${major}`;

/**
 * Builds a service process, not yet listening: the enterprise data, one Fastify server with `/health`,
 * `/ready` (the database answers), `/metrics` and tracing, and each endpoint mounted at its path. Once
 * it listens, each served WSDL names the address it listens on; with a registry, each endpoint is
 * registered as version `<major>.0` and withdrawn first on close.
 */
export async function buildSoapService(options: SoapServiceOptions): Promise<ServiceProcess> {
  const { service, logger: log } = options;
  const data = await openEnterpriseData(options.databaseUrl);
  try {
    const served = await servedEndpoints(data, options);
    const app = await createServiceServer(service, log, data);
    const bodyTimeoutMs = Math.max(...served.map(({ endpoint }) => endpoint.limits.bodyTimeoutMs));
    // Node's own bounds on a slow client, a little above the guard's, so the guard answers first.
    app.server.headersTimeout = bodyTimeoutMs;
    app.server.requestTimeout = bodyTimeoutMs * 2;
    for (const { endpoint } of served) await mountSoapEndpoint(app, endpoint);
    log.info(
      { database: data.describe, endpoints: served.map(({ endpoint }) => endpoint.path) },
      `${service} built`,
    );

    const host: ServiceProcess = {
      app: {
        async listen(address: ListenAddress) {
          const origin = await app.listen(address);
          for (const { endpoint } of served) endpoint.listeningAt(origin);
          return origin;
        },
      },
      async close() {
        await app.close();
        await data.close();
      },
    };
    if (options.registry === undefined) return host;
    return registeredProcess(host, options.registry, (origin) => announcements(served, origin), { log });
  } catch (error) {
    await data.close();
    throw error;
  }
}

async function servedEndpoints(
  data: OpenEnterpriseData,
  options: SoapServiceOptions,
): Promise<ServedEndpoint[]> {
  const endpoints = await options.endpoints(data, options.logger);
  const wrong = endpoints.filter(({ contract }) => contract.service !== options.service);
  if (wrong.length > 0) {
    throw new Error(
      `the ${options.service} process was given endpoints of ${wrong.map(({ contract }) => `${contract.service} v${contract.version}`).join(', ')}`,
    );
  }
  return Promise.all(
    endpoints.map(async ({ contract, implementation }) => ({
      contract,
      endpoint: await createSoapEndpoint({
        wsdlFile: contract.wsdlFile,
        implementation,
        path: endpointPath(contract.service, contract.version),
        logger: options.logger.child({ contract: `${contract.service} v${contract.version}` }),
      }),
    })),
  );
}

interface ServedEndpoint {
  contract: Contract;
  endpoint: SoapEndpoint;
}

/** One registry entry per contract version served; a process serving v1 and v2 is two instances. */
function announcements(served: ServedEndpoint[], origin: string): InstanceAnnouncement[] {
  return served.map(({ contract, endpoint }) => {
    const url = `${origin}${endpoint.path}`;
    return {
      name: contract.service,
      version: `${contract.version}.0`,
      id: `${contract.service}-v${contract.version}-${process.pid}`,
      wsdlUrl: `${url}?wsdl`,
      endpoint: url,
      soapVersions: ['1.1', '1.2'],
    };
  });
}
