import type { InstanceView, ResolutionAnswer } from './registry.schemas.js';
import { type Answer, call, RegistryError, reason, refusal } from './registry-calls.js';

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
