/**
 * The mesh policy as the control plane holds it once the YAML file is parsed (`parsePolicy`): Istio's
 * ideas in one small document. Per service: the split between its versions (a DestinationRule's
 * subsets weighted by a VirtualService), outlier detection (DestinationRule), who may call it
 * (AuthorizationPolicy) and faults injected where it receives; per route at the caller: timeout and
 * retries (VirtualService http routes). Mutual TLS is always strict (PeerAuthentication STRICT).
 * Durations are milliseconds here and `250ms`, `2s`, `24h` in the file.
 */
export interface MeshPolicy {
  /** SPIFFE trust domain: each service's identity is `spiffe://<trustDomain>/ns/lab/sa/<service>`. */
  trustDomain: string;
  /** How long an issued workload certificate is valid before the control plane rotates it. */
  certificateTtlMs: number;
  /** By service name (`articles`); a service the file leaves out gets no split, no routes, any caller. */
  services: Record<string, ServicePolicy>;
}

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'OPTIONS';

export interface ServicePolicy {
  /** Percent of calls per version (`{ v1: 90, v2: 10 }`), summing to 100; absent: every call to v1. */
  split?: Record<string, number>;
  /** Applied at every caller's sidecar to calls to this service; the first route that matches wins. */
  routes?: RoutePolicy[];
  /** Taking a failing instance out of the rotation for a while, as Envoy's outlier detection does. */
  outlierDetection?: OutlierDetection;
  /**
   * Allow rules: a call is let through when one rule matches it and refused with 403 otherwise.
   * Absent: any caller with a mesh identity may call (mTLS still required).
   */
  authorization?: AuthorizationRule[];
  /** Faults the service's own sidecar injects into calls it receives, as if the instance misbehaved. */
  faults?: FaultInjection[];
}

export interface RouteMatch {
  /** Absent: any method. */
  methods?: HttpMethod[];
  /** Absent: any path. */
  pathPrefix?: string;
}

export interface RoutePolicy {
  /** Names the route in `journey mesh status` and in the generated manifests. */
  name: string;
  match?: RouteMatch;
  /** The whole call, retries included. */
  timeoutMs?: number;
  retries?: RetryPolicy;
}

/** Envoy's retry-on vocabulary, which each data plane maps to its own (HAProxy's retry-on). */
export type RetryCondition = 'connect-failure' | 'reset' | 'gateway-error' | '5xx';

export interface RetryPolicy {
  /** Attempts after the first. */
  attempts: number;
  perTryTimeoutMs?: number;
  retryOn: RetryCondition[];
}

export interface OutlierDetection {
  /** Consecutive 5xx answers (or no answer) that eject an instance. */
  consecutive5xxErrors: number;
  /** How often an ejected instance is tried again. */
  intervalMs: number;
  /** At least this long out before it may come back. */
  baseEjectionTimeMs: number;
}

export interface AuthorizationRule {
  /** Service names whose identity may call (`gateway`), or `*` for any mesh identity. */
  from: string[];
  /** Absent: every method and path. */
  to?: RouteMatch;
}

export interface FaultInjection {
  /** Only this version's sidecar injects it; absent: every version's. */
  version?: string;
  match?: RouteMatch;
  /** Answer `status` without calling the service, for `percent` of matching calls. */
  abort?: { percent: number; status: number };
  /** Hold `percent` of matching calls for `fixedDelayMs` before passing them on. */
  delay?: { percent: number; fixedDelayMs: number };
}

/** The identity of a service in the mesh, as its certificate's URI SAN carries it. */
export const spiffeId = (trustDomain: string, service: string) =>
  `spiffe://${trustDomain}/ns/lab/sa/${service}`;
