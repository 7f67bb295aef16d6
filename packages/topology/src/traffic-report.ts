/**
 * What a process that sees the traffic between others reports at its `traffic` path (topology.ts): a
 * mesh's control plane reading its sidecars. One row per edge of the running system, measured by the
 * proxies on it, so the diagram's numbers are the data plane's, not the services' own.
 */
export interface TrafficReport {
  /** What measured it, in words: `HAProxy 2.6 sidecars, read by mesh-control`. */
  source: string;
  /** The window the rates are over, in seconds (the proxies' counters are sampled that far apart). */
  windowSeconds: number;
  /** The processes that have a proxy beside them, as the diagram draws a sidecar next to a node. */
  proxies: ProxyFigures[];
  edges: EdgeTraffic[];
}

export interface ProxyFigures {
  /** The topology process the proxy runs beside. */
  process: string;
  /** Its identity in the mesh: `spiffe://conduit.journey/ns/lab/sa/articles`. */
  identity: string;
  /** Resident memory of the proxy alone (not the service), in bytes; null when it cannot be read. */
  rssBytes: number | null;
  /** CPU the proxy used, in seconds since it started; null when it cannot be read. */
  cpuSeconds: number | null;
}

/** The golden signals of one edge, caller to callee (topology process names). */
export interface EdgeTraffic {
  from: string;
  to: string;
  /** Requests per second over the window. */
  rps: number;
  /** Share of those answered 5xx or not at all, 0..1. */
  errorRate: number;
  /** Latency over the window, in ms; null while no request crossed the edge in it. */
  p50Ms: number | null;
  p99Ms: number | null;
  /** Requests since the proxies started. */
  total: number;
}
