import { createLogger } from '@journey/platform';
import { buildRegistry, type InstanceAnnouncement } from '@journey/soa-registry';

/** A clock the test moves by hand, so leases expire without sleeping. */
export function manualClock(start = Date.parse('2026-01-01T00:00:00Z')) {
  let time = start;
  return {
    now: () => time,
    advance(ms: number) {
      time += ms;
    },
  };
}

export interface StartedRegistry {
  url: string;
  port: number;
  /** Every answered request, `PUT /services/… 201`, in order: what the registry saw of its clients. */
  answered: string[];
  close(): Promise<void>;
}

/** The registry in this process on a free port (or the given one, to restart it where it was). */
export async function startRegistry(
  options: {
    leaseMs?: number;
    now?: () => number;
    port?: number;
    maxInstances?: number;
    /** Awaited before each request is handled: lets a test hold a request while another one runs. */
    gate?: (method: string) => Promise<void>;
  } = {},
): Promise<StartedRegistry> {
  const registry = buildRegistry({
    logger: createLogger('registry', 'silent'),
    leaseMs: options.leaseMs ?? 10_000,
    now: options.now,
    maxInstances: options.maxInstances,
  });
  const { gate } = options;
  if (gate) registry.app.addHook('onRequest', (request) => gate(request.method));
  const answered: string[] = [];
  registry.app.addHook('onResponse', async (request, reply) => {
    answered.push(`${request.method} ${request.url} ${reply.statusCode}`);
  });
  const address = await registry.app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  return { url: address, port: Number(new URL(address).port), answered, close: registry.close };
}

export const announcement = (overrides: Partial<InstanceAnnouncement> = {}): InstanceAnnouncement => {
  const name = overrides.name ?? 'engagement';
  const version = overrides.version ?? '1.0';
  const id = overrides.id ?? `${name}-a`;
  const base = `http://127.0.0.1:4003/${name}/v${version.split('.')[0]}`;
  return {
    name,
    version,
    id,
    endpoint: base,
    wsdlUrl: `${base}?wsdl`,
    soapVersions: ['1.1', '1.2'],
    ...overrides,
  };
};
