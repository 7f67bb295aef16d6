import type { RegistrationAnswer } from './registry.schemas.js';
import {
  type Answer,
  call,
  type RegistryClientLog,
  RegistryError,
  reason,
  refusal,
  silent,
} from './registry-calls.js';
import type { InstanceAnnouncement } from './registry-table.js';

const instancePath = ({ name, version, id }: InstanceAnnouncement) =>
  `/services/${encodeURIComponent(name)}/${encodeURIComponent(version)}/instances/${encodeURIComponent(id)}`;

export interface RegistrationOptions {
  log?: RegistryClientLog;
  /** Heartbeats come this often, as a fraction of the lease the registry grants: three per lease by default. */
  heartbeatFraction?: number;
  /** How long one registry call may take. */
  timeoutMs?: number;
}

/** A live registration: heartbeats run until `close()`. */
export interface Registration {
  /** The lease the registry granted at the last successful heartbeat. */
  readonly leaseMs: number;
  /** How often heartbeats come: a fraction of the lease, so one missed beat never loses the lease. */
  readonly heartbeatMs: number;
  /** Heartbeats now instead of at the next tick; rejects with a RegistryError when the registry refuses or is away. */
  renew(): Promise<void>;
  /** Stops the heartbeats and deregisters; never rejects (an unreachable registry lets the lease run out). */
  close(): Promise<void>;
}

/**
 * Registers an instance and keeps it registered: a heartbeat (the same PUT) at a fraction of the lease,
 * which also brings it back after the registry restarted or the lease ran out. Rejects when the first
 * registration fails, so a service that cannot be found fails its start instead of serving unseen.
 * Call `close()` on shutdown (SIGTERM): it deregisters at once, so the bus stops resolving to it before
 * it stops listening.
 */
export async function registerInstance(
  registry: string,
  entry: InstanceAnnouncement,
  { log = silent, heartbeatFraction = 1 / 3, timeoutMs = 2_000 }: RegistrationOptions = {},
): Promise<Registration> {
  if (!(heartbeatFraction > 0 && heartbeatFraction < 1)) {
    throw new RangeError(
      `heartbeatFraction must be between 0 and 1 (a beat per lease or more), got ${heartbeatFraction}`,
    );
  }
  const who = `${entry.name} ${entry.version} instance ${entry.id}`;
  const details = { service: entry.name, version: entry.version, id: entry.id, registry };
  const { name: _name, id: _id, ...body } = entry;
  let leaseMs = 0;
  let closed = false;
  let failing = false;
  let timer: NodeJS.Timeout | undefined;
  const inFlight = new Set<Promise<unknown>>();

  const put = async () => {
    let answer: Answer<RegistrationAnswer>;
    try {
      answer = await call<RegistrationAnswer>(registry, 'PUT', instancePath(entry), timeoutMs, body);
    } catch (error) {
      throw new RegistryError(
        `could not register ${who}: the registry at ${registry} did not answer: ${reason(error)}`,
        registry,
      );
    }
    if (answer.status !== 200 && answer.status !== 201) {
      throw new RegistryError(
        `the registry at ${registry} refused ${who} with ${answer.status}: ${refusal(answer.body)}`,
        registry,
        answer.status,
      );
    }
    leaseMs = (answer.body as RegistrationAnswer).leaseMs;
    return answer.status === 201;
  };

  const heartbeatMs = () => Math.max(50, Math.floor(leaseMs * heartbeatFraction));

  const tracked = <T>(promise: Promise<T>) => {
    inFlight.add(promise);
    return promise.finally(() => inFlight.delete(promise));
  };

  const beat = async () => {
    try {
      const created = await tracked(put());
      if (created)
        log.info(
          details,
          'registered again: the registry had forgotten this instance (restart or lapsed lease)',
        );
      else if (failing) log.info(details, 'the registry answers heartbeats again');
      failing = false;
    } catch (error) {
      // One line per outage, not one per heartbeat.
      if (!failing) log.warn({ ...details, err: error }, 'heartbeat failed; retrying at every heartbeat');
      failing = true;
    }
  };

  const schedule = () => {
    if (closed) return;
    timer = setTimeout(() => void beat().then(schedule), heartbeatMs());
    // The service's server keeps the process alive; a heartbeat alone should not.
    timer.unref();
  };

  await put();
  log.info({ ...details, leaseMs }, 'registered');
  schedule();

  let closing: Promise<void> | undefined;
  const deregister = async () => {
    closed = true;
    clearTimeout(timer);
    // A heartbeat landing after the DELETE would register the instance again.
    await Promise.allSettled(inFlight);
    try {
      const answer = await call(registry, 'DELETE', instancePath(entry), timeoutMs);
      if (answer.status === 204 || answer.status === 404) log.info(details, 'deregistered');
      else
        log.warn(
          { ...details, status: answer.status, answer: refusal(answer.body) },
          'deregistration refused',
        );
    } catch (error) {
      log.warn({ ...details, err: error }, 'could not deregister; the lease will run out instead');
    }
  };

  return {
    get leaseMs() {
      return leaseMs;
    },
    get heartbeatMs() {
      return heartbeatMs();
    },
    renew: async () => {
      if (closed) throw new RegistryError(`${who} is closed; register it again instead`, registry);
      await tracked(put());
      failing = false;
    },
    close: () => {
      closing ??= deregister();
      return closing;
    },
  };
}
