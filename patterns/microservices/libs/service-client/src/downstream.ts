import { idempotencyKeyHeaders, viewerHeaders } from '@journey/microservices-service-kit';
import type { Logger } from '@journey/platform';
import {
  type BreakerState,
  type CallBudget,
  createDownstreamClient,
  DEFAULT_CALL_BUDGET,
  type DownstreamCall as PlatformCall,
} from '@journey/platform/downstream';

export interface DownstreamCall extends Omit<PlatformCall, 'headers'> {
  /** The signed-in user the gateway verified, forwarded so the service can answer for them. */
  viewerId?: number | null;
}

export interface ResilienceOptions extends CallBudget {
  /** Extra attempts of an idempotent call (GET, PUT) after a transient failure; POST and DELETE get none. */
  retries: number;
}

/** The service's own resilience: the microservices pattern as written, with no mesh around it. */
export const IN_CODE_RESILIENCE: ResilienceOptions = { ...DEFAULT_CALL_BUDGET, retries: 2 };

/**
 * Inside the service mesh (DOWNSTREAM_RESILIENCE=mesh), the pod's sidecar retries, times each try out
 * and ejects failing instances, as the mesh's policy says. Doing it here as well would multiply the
 * tries (3 of ours × 3 of the sidecar's) and open a breaker on a service the sidecar already routes
 * around. The per-attempt timeout stays, as a backstop against a call that never ends.
 */
export const MESH_RESILIENCE: ResilienceOptions = {
  ...DEFAULT_CALL_BUDGET,
  retries: 0,
  breakAfter: Number.POSITIVE_INFINITY,
};

/** Which resilience the environment asks for: DOWNSTREAM_RESILIENCE unset, or `mesh`. */
export function resilienceFor(env: NodeJS.ProcessEnv): ResilienceOptions {
  const mode = env.DOWNSTREAM_RESILIENCE;
  if (mode === undefined || mode === '') return IN_CODE_RESILIENCE;
  if (mode === 'mesh') return MESH_RESILIENCE;
  throw new Error(`DOWNSTREAM_RESILIENCE must be "mesh" or unset, got ${JSON.stringify(mode)}`);
}

export const DEFAULT_RESILIENCE: ResilienceOptions = resilienceFor(process.env);

export interface Downstream {
  name: string;
  /** The parsed JSON of a 2xx answer (undefined for 204); any other outcome throws (see failures.ts). */
  call<T>(call: DownstreamCall): Promise<T>;
  breakerState(): BreakerState;
  close(): Promise<void>;
}

/**
 * pattern: every network hop gets a timeout, bounded retries and a circuit breaker, because in a
 * distributed system a slow or dead dependency is normal, not exceptional. The client is the lab's
 * (`@journey/platform/downstream`); what this pattern decides is which calls may be repeated: reads
 * and PUTs (following, favoriting), which leave the same state however often they run. Here services
 * call each other too, so a 503 can be a healthy service speaking about its own dependency: it is
 * relayed as its answer, not counted against it.
 */
export function createDownstream(
  name: string,
  baseUrl: string,
  log: Logger,
  options: ResilienceOptions = DEFAULT_RESILIENCE,
): Downstream {
  const client = createDownstreamClient(name, baseUrl, log, {
    ...options,
    retry: { retries: options.retries, methods: ['GET', 'PUT'] },
    relayedStatuses: [503],
  });
  return {
    name,
    async call<T>({ viewerId, ...call }: DownstreamCall): Promise<T> {
      const headers = { ...viewerHeaders(viewerId), ...idempotencyKeyHeaders(call.method) };
      return (await client.send<T>({ ...call, headers })).body;
    },
    breakerState: client.breakerState,
    close: client.close,
  };
}
