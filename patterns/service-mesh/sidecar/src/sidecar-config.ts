import type {
  AuthorizationRule,
  FaultInjection,
  OutlierDetection,
  RoutePolicy,
} from '../../policy/src/mesh-policy.js';

/**
 * Everything one pod's sidecar is configured from: the control plane compiles it from the policy and
 * what the pod registered, and the data plane renders it into HAProxy's configuration
 * (`renderHaproxyConfig`). Addresses are loopback ports; paths are files under the run directory.
 */
export interface SidecarConfig {
  /** The topology process this sidecar runs beside (`articles-v2`). */
  process: string;
  /** Its service and version as the policy names them (`articles`, `v2`). */
  service: string;
  version: string;
  /** `spiffe://conduit.journey/ns/lab/sa/articles`: what its certificate says and peers authorize. */
  identity: string;
  trustDomain: string;
  /** Bumped by the control plane on every change it applies, so status shows who runs the latest. */
  generation: number;
  inbound: {
    /** The pod's port, the one its callers were given. */
    port: number;
    /** `mtls`: only peers with a certificate from the mesh CA; `ingress`: plaintext clients (the public process). */
    mode: 'mtls' | 'ingress';
    /** Who may call, checked against the peer certificate; absent: any mesh identity. */
    authorization?: AuthorizationRule[];
    /** Faults this sidecar injects into the calls it receives (already filtered to its version). */
    faults: FaultInjection[];
  };
  /** Plaintext port for the lab and for Prometheus: `/ready` (the app's), `/metrics`, `/stats`. */
  adminPort: number;
  /** The service itself, on a port only its own sidecar knows. */
  app: { port: number; healthPath: string };
  files: {
    /** The workload certificate and its key, one PEM file (HAProxy's `crt`). */
    certificate: string;
    /** The mesh CA's certificate: the only issuer a peer certificate may have. */
    caBundle: string;
  };
  sockets: {
    /** HAProxy's runtime API (stats socket): weights, certificates, counters. */
    runtime: string;
    /** The master CLI of HAProxy's master-worker mode: `reload` applies a new file without dropping calls. */
    master: string;
  };
  /** Where the sidecar sends one access-log line per request (syslog over UDP); null: nowhere. */
  accessLog: { host: string; port: number } | null;
  outbound: OutboundListener[];
}

/** A local listener the service calls instead of the service it means; the sidecar carries it over mTLS. */
export interface OutboundListener {
  service: string;
  /** The port the service was told is `<SERVICE>_URL`. */
  listenPort: number;
  /** The versions' pods, each at its inbound (mTLS) port, weighted by the policy's split (0 keeps it idle). */
  endpoints: UpstreamEndpoint[];
  /** First match wins; calls matching none get the data plane's defaults. */
  routes: RoutePolicy[];
  outlierDetection?: OutlierDetection;
}

export interface UpstreamEndpoint {
  process: string;
  version: string;
  host: string;
  port: number;
  weight: number;
}
