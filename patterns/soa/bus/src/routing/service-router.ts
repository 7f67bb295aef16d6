import type { Logger } from '@journey/platform';
import type { ServiceName } from '@journey/soa-contracts';
import type { InstanceView, ResolvedService } from '@journey/soa-registry/client';
import type { SoapClient, SoapClientOptions } from '@journey/soa-soap-kit';
import { ServiceUnavailable } from '../faults/service-unavailable.js';

export type Resolve = (name: string, major: number) => Promise<ResolvedService>;
export type BuildSoapClient = (wsdlUrl: string, options: SoapClientOptions) => Promise<SoapClient>;

/** One live instance of a contract version, with the client that calls it. */
export interface RoutedInstance {
  version: string;
  endpoint: string;
  client: SoapClient;
}

/**
 * pattern: location transparency. Nothing in the bus names a host: every call asks the registry (through
 * a briefly caching resolver) which instances serve `name` at `major`, takes the next one in turn (round
 * robin), and calls it with a client built from the WSDL that instance serves. Clients are kept per
 * (service, major, instance) and dropped when the registry stops listing the instance, so a service that
 * moved, restarted elsewhere or was upgraded to a new minor is called at its new address.
 */
export function createServiceRouter(options: {
  resolve: Resolve;
  buildClient: BuildSoapClient;
  /** Bounds fetching a WSDL; each call has its own budget. */
  timeoutMs: number;
  log: Logger;
}) {
  const clients = new Map<string, Promise<SoapClient>>();
  const turns = new Map<string, number>();

  const keyOf = (name: string, major: number, instance: InstanceView) =>
    `${name}/v${major} ${instance.endpoint} ${instance.wsdlUrl}`;

  function forget(name: string, major: number, live: readonly InstanceView[]) {
    const prefix = `${name}/v${major} `;
    const liveKeys = new Set(live.map((instance) => keyOf(name, major, instance)));
    for (const key of clients.keys()) {
      if (key.startsWith(prefix) && !liveKeys.has(key)) clients.delete(key);
    }
  }

  function clientOf(name: string, major: number, instance: InstanceView): Promise<SoapClient> {
    const key = keyOf(name, major, instance);
    let client = clients.get(key);
    if (!client) {
      options.log.info(
        { service: name, version: instance.version, endpoint: instance.endpoint, wsdlUrl: instance.wsdlUrl },
        'building a SOAP client from the contract the instance serves',
      );
      client = options.buildClient(instance.wsdlUrl, {
        timeoutMs: options.timeoutMs,
        endpoint: instance.endpoint,
      });
      clients.set(key, client);
      // A contract that could not be read is asked for again on the next call, not remembered.
      client.catch(() => {
        if (clients.get(key) === client) clients.delete(key);
      });
    }
    return client;
  }

  return {
    /** The next instance of `name` v`major` in turn; rejects with the resolver's RegistryError when none is listed. */
    async route(name: ServiceName, major: number): Promise<RoutedInstance> {
      const { version, instances } = await options.resolve(name, major);
      forget(name, major, instances);
      const turn = turns.get(name) ?? 0;
      turns.set(name, turn + 1);
      const instance = instances[turn % instances.length];
      // The registry answers 404 rather than an empty list, but an empty one means the same.
      if (!instance) throw new ServiceUnavailable(name, `the registry lists no instance of v${major}`, false);
      return { version, endpoint: instance.endpoint, client: await clientOf(name, major, instance) };
    },
  };
}

export type ServiceRouter = ReturnType<typeof createServiceRouter>;
