import { env } from '@journey/platform';
import { request } from 'undici';
import type {
  ErrorAnswer,
  InstanceView,
  RegistrationAnswer,
  ResolutionAnswer,
  ServicesAnswer,
} from './registry.schemas.js';
import type { InstanceAnnouncement } from './registry-table.js';

export type { InstanceView, ResolutionAnswer, ServicesAnswer } from './registry.schemas.js';
export type { InstanceAnnouncement, SoapVersion } from './registry-table.js';

/** Where the registry listens when run by hand; the lab hands every process `REGISTRY_URL` instead. */
export const DEFAULT_REGISTRY_PORT = 3009;

/** `REGISTRY_URL`, else the registry's default address. */
export const registryUrl = () => env.string('REGISTRY_URL', `http://127.0.0.1:${DEFAULT_REGISTRY_PORT}`)!;

/** A registry call failed: what was asked, of which registry, and why, in one sentence. */
export class RegistryError extends Error {
  constructor(
    message: string,
    readonly registryUrl: string,
    /** The registry's status when it answered; undefined when it could not be reached. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

/** Only what the client logs; a pino logger fits. */
export interface RegistryClientLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

const silent: RegistryClientLog = { info: () => {}, warn: () => {} };

interface Answer<T> {
  status: number;
  body: T | ErrorAnswer | undefined;
}

async function call<T>(
  registry: string,
  method: 'GET' | 'PUT' | 'DELETE',
  path: string,
  timeoutMs: number,
  body?: object,
): Promise<Answer<T>> {
  const response = await request(new URL(path, registry), {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.body.text();
  return { status: response.statusCode, body: text ? (parseJson(text) as T | ErrorAnswer) : undefined };
}

/** Whatever answered may not be a registry (another process on its port): keep its words, not a SyntaxError. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text.slice(0, 200);
  }
}

/** The registry's own words for a refusal: `service: no live instance of …`. */
const refusal = (body: unknown) => {
  const errors = (body as Partial<ErrorAnswer> | undefined)?.errors;
  return errors
    ? Object.entries(errors)
        .map(([field, messages]) => `${field} ${messages.join(', ')}`)
        .join('; ')
    : JSON.stringify(body);
};

const reason = (error: unknown) => {
  const cause = (error as { cause?: { code?: string } }).cause?.code;
  return error instanceof Error ? `${error.message}${cause ? ` (${cause})` : ''}` : String(error);
};

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

/** A resolved service: the version that answers the requested major, and its live instances. */
export interface ResolvedService {
  service: string;
  major: number;
  version: string;
  instances: InstanceView[];
}

export interface ResolverOptions {
  /** How long an answer is reused: short, so a gone instance is not called for long. */
  cacheMs?: number;
  timeoutMs?: number;
  /** Injected so tests can age the cache without sleeping. */
  now?: () => number;
}

/**
 * Resolves services through one registry, caching each answer briefly (concurrent callers share one
 * request). Failures are never cached, and reject with a RegistryError naming the service, the major
 * and the registry.
 */
export function createResolver(
  registry: string,
  { cacheMs = 2_000, timeoutMs = 2_000, now = Date.now }: ResolverOptions = {},
) {
  const cache = new Map<string, { until: number; answer: Promise<ResolvedService> }>();

  const fetchResolution = async (name: string, major: number): Promise<ResolvedService> => {
    const asked = `${name} v${major}`;
    let answer: Answer<ResolutionAnswer>;
    try {
      answer = await call<ResolutionAnswer>(
        registry,
        'GET',
        `/services/${encodeURIComponent(name)}?version=${major}`,
        timeoutMs,
      );
    } catch (error) {
      throw new RegistryError(
        `cannot resolve ${asked}: the registry at ${registry} did not answer: ${reason(error)}`,
        registry,
      );
    }
    if (answer.status !== 200) {
      throw new RegistryError(
        `cannot resolve ${asked}: the registry at ${registry} answered ${answer.status}: ${refusal(answer.body)}`,
        registry,
        answer.status,
      );
    }
    const { service, version, instances } = answer.body as ResolutionAnswer;
    return { service, major, version, instances };
  };

  return (name: string, major: number): Promise<ResolvedService> => {
    const key = `${name}\u0000${major}`;
    const cached = cache.get(key);
    if (cached && cached.until > now()) return cached.answer;
    const answer = fetchResolution(name, major);
    cache.set(key, { until: now() + cacheMs, answer });
    answer.catch(() => {
      if (cache.get(key)?.answer === answer) cache.delete(key);
    });
    return answer;
  };
}

const resolvers = new Map<string, ReturnType<typeof createResolver>>();

/** `createResolver` with the default cache, one per registry URL, for callers that hold no resolver. */
export function resolveService(registry: string, name: string, major: number): Promise<ResolvedService> {
  let resolve = resolvers.get(registry);
  if (!resolve) {
    resolve = createResolver(registry);
    resolvers.set(registry, resolve);
  }
  return resolve(name, major);
}

/** Everything the registry lists, for tools such as `journey soa services`. */
export async function listServices(registry: string, { timeoutMs = 2_000 } = {}): Promise<ServicesAnswer> {
  let answer: Answer<ServicesAnswer>;
  try {
    answer = await call<ServicesAnswer>(registry, 'GET', '/services', timeoutMs);
  } catch (error) {
    throw new RegistryError(
      `cannot list services: the registry at ${registry} did not answer: ${reason(error)}`,
      registry,
    );
  }
  if (answer.status !== 200) {
    throw new RegistryError(
      `cannot list services: the registry at ${registry} answered ${answer.status}: ${refusal(answer.body)}`,
      registry,
      answer.status,
    );
  }
  return answer.body as ServicesAnswer;
}
