import { parseArgs } from 'node:util';
import { listServices, type ServicesAnswer } from '@journey/soa-registry/client';
import { type PatternCommand, textColumns, UsageError } from '@journey/topology';

const SUBCOMMANDS = ['services'];

/** The name the topology gives the registry process; the lab hands out its address under that name. */
export const REGISTRY_PROCESS = 'registry';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** `engagement v1 → 1.1`: what the registry answers a consumer of each major, the point of versioning. */
function resolutions({ services }: ServicesAnswer): string[] {
  return services.flatMap(({ name, versions }) => {
    const newestByMajor = new Map<string, string>();
    for (const { version } of versions) newestByMajor.set(version.split('.')[0]!, version);
    return [...newestByMajor].map(([major, version]) => `${name} v${major} → ${version}`);
  });
}

/**
 * `journey soa services [--registry <url>]`: what the running SOA topology's registry holds — every
 * service, its contract versions and their live instances with endpoint, WSDL and the lease left — and
 * which version a consumer of each major is routed to.
 */
const soa: PatternCommand = async (args, { pattern, running, print }) => {
  const { values, positionals } = parseSoaArgs(args);
  const [subcommand, ...rest] = positionals;
  if (subcommand !== 'services') {
    throw new UsageError(
      subcommand === undefined ? 'journey soa: say what to show' : `journey soa: unknown "${subcommand}"`,
      SUBCOMMANDS,
    );
  }
  if (rest.length > 0)
    throw new UsageError('journey soa services: takes no arguments, only --registry <url>');
  if (values.registry !== undefined && !URL.canParse(values.registry)) {
    throw new UsageError(`journey soa services: --registry must be a URL, got "${values.registry}"`);
  }
  const registry = values.registry ?? registryOf(running(), pattern);

  const listing = await listServices(registry);
  print(`registry ${registry}, lease ${seconds(listing.leaseMs)}`);
  const rows = listing.services.flatMap(({ name, versions }) =>
    versions.flatMap(({ version, instances }) =>
      instances.map((instance) => [
        name,
        version,
        instance.id,
        instance.endpoint,
        instance.wsdlUrl,
        instance.soapVersions.join(', '),
        seconds(instance.leaseLeftMs),
      ]),
    ),
  );
  if (rows.length === 0) {
    print('no live instance: services register when they start (journey up soa) and leave when they stop');
    return 0;
  }
  const header = ['SERVICE', 'VERSION', 'INSTANCE', 'ENDPOINT', 'WSDL', 'SOAP', 'LEASE LEFT'];
  for (const line of textColumns([header, ...rows])) print(line);
  const versions = listing.services.reduce((count, service) => count + service.versions.length, 0);
  print(
    `\n${plural(listing.services.length, 'service')}, ${plural(versions, 'contract version')}, ` +
      `${plural(rows.length, 'live instance')}; routed by major: ${resolutions(listing).join(', ')}`,
  );
  return 0;
};

export default soa;

function registryOf(topology: { processes: { name: string; url: string }[] }, pattern: string): string {
  const registry = topology.processes.find((process) => process.name === REGISTRY_PROCESS);
  if (!registry) {
    throw new Error(
      `the running ${pattern} topology has no process named "${REGISTRY_PROCESS}"; name one with --registry <url>`,
    );
  }
  return registry.url;
}

function parseSoaArgs(args: string[]) {
  try {
    return parseArgs({
      args,
      options: { registry: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(`journey soa: ${(error as Error).message.split('\n')[0]}`, ['--registry <url>']);
  }
}
