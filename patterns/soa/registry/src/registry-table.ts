import { compareVersions, parseVersion } from './version.js';

export type SoapVersion = '1.1' | '1.2';

/** What a service instance announces about itself when it registers. */
export interface InstanceAnnouncement {
  /** The service's name, e.g. `engagement`. */
  name: string;
  /** The contract version it serves, `major.minor`. */
  version: string;
  /** Unique per instance of one service version, chosen by the instance (e.g. `engagement-<pid>`). */
  id: string;
  /** Where its contract can be read: the WSDL that instance serves. */
  wsdlUrl: string;
  /** Where SOAP requests go. */
  endpoint: string;
  soapVersions: SoapVersion[];
}

export interface RegisteredInstance extends InstanceAnnouncement {
  registeredAt: number;
  renewedAt: number;
  leaseExpiresAt: number;
}

export interface RegistryTableOptions {
  /** How long an instance stays listed without a heartbeat. */
  leaseMs: number;
  /** Milliseconds since the epoch; injected so tests drive lease expiry without sleeping. */
  now?: () => number;
  /** A bound on memory: a buggy service minting a new id per heartbeat cannot grow the table forever. */
  maxInstances?: number;
  onExpired?: (instance: RegisteredInstance) => void;
}

export class RegistryFullError extends Error {
  constructor(readonly limit: number) {
    super(`the registry holds ${limit} live instances, its limit; a new one is refused until a lease ends`);
    this.name = 'RegistryFullError';
  }
}

export interface VersionListing {
  version: string;
  instances: RegisteredInstance[];
}

export interface ServiceListing {
  name: string;
  versions: VersionListing[];
}

export type Resolution =
  | { found: true; version: string; instances: RegisteredInstance[] }
  | { found: false; liveVersions: string[] };

const keyOf = ({ name, version, id }: Pick<InstanceAnnouncement, 'name' | 'version' | 'id'>) =>
  `${name}\u0000${version}\u0000${id}`;

/**
 * The registry's state: live instances, each on a lease that its heartbeats (re-registrations) renew.
 * Expired instances are dropped on the next read or write rather than by a timer: what a reader sees is
 * exactly what is live at that moment, and there is no timer to stop on shutdown.
 */
export function createRegistryTable({
  leaseMs,
  now = Date.now,
  maxInstances = 1_000,
  onExpired,
}: RegistryTableOptions) {
  const instances = new Map<string, RegisteredInstance>();

  const prune = () => {
    const time = now();
    for (const [key, instance] of instances) {
      if (instance.leaseExpiresAt > time) continue;
      instances.delete(key);
      onExpired?.(instance);
    }
  };

  /** Every live instance, by service name, then version (oldest first), then id. */
  const list = (): ServiceListing[] => {
    prune();
    const services = new Map<string, Map<string, RegisteredInstance[]>>();
    for (const instance of instances.values()) {
      const versions = services.get(instance.name) ?? new Map<string, RegisteredInstance[]>();
      services.set(instance.name, versions);
      versions.set(instance.version, [...(versions.get(instance.version) ?? []), instance]);
    }
    return [...services]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, versions]) => ({
        name,
        versions: [...versions]
          .sort(([a], [b]) => compareVersions(a, b))
          .map(([version, members]) => ({
            version,
            instances: members.sort((a, b) => a.id.localeCompare(b.id)),
          })),
      }));
  };

  return {
    leaseMs,

    /** Registers or renews; `created` is false for a heartbeat of an instance already listed. */
    register(announcement: InstanceAnnouncement): { created: boolean; instance: RegisteredInstance } {
      prune();
      const key = keyOf(announcement);
      const previous = instances.get(key);
      if (!previous && instances.size >= maxInstances) throw new RegistryFullError(maxInstances);
      const time = now();
      const instance: RegisteredInstance = {
        ...announcement,
        soapVersions: [...announcement.soapVersions],
        registeredAt: previous?.registeredAt ?? time,
        renewedAt: time,
        leaseExpiresAt: time + leaseMs,
      };
      instances.set(key, instance);
      return { created: !previous, instance };
    },

    /** Whether the instance was listed. */
    deregister(target: Pick<InstanceAnnouncement, 'name' | 'version' | 'id'>): boolean {
      prune();
      return instances.delete(keyOf(target));
    },

    list,

    /**
     * pattern: a consumer asks for the major version it was built against and gets the newest minor of
     * it: minors only add optional things, so 1.1 serves a 1.0 consumer; 2.0 may not, so it never does.
     */
    resolve(name: string, major: number): Resolution {
      const versions = list().find((service) => service.name === name)?.versions ?? [];
      const newest = versions.filter(({ version }) => parseVersion(version).major === major).at(-1);
      if (!newest) return { found: false, liveVersions: versions.map(({ version }) => version) };
      return { found: true, version: newest.version, instances: newest.instances };
    },

    /** Milliseconds left on an instance's lease, as this table's clock sees it. */
    leaseLeft: (instance: RegisteredInstance) => Math.max(0, instance.leaseExpiresAt - now()),
  };
}

export type RegistryTable = ReturnType<typeof createRegistryTable>;
