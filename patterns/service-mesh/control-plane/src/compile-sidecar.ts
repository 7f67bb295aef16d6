import { type MeshPolicy, spiffeId } from '../../policy/src/mesh-policy.js';
import type { OutboundListener, SidecarConfig } from '../../sidecar/src/sidecar-config.js';
import type { PodRegistration } from './pod-registration.js';

/** What the control plane decides about a pod beyond the policy: where its files are, which generation. */
export interface PodSurroundings {
  generation: number;
  files: SidecarConfig['files'];
  sockets: SidecarConfig['sockets'];
  accessLog: SidecarConfig['accessLog'];
}

/**
 * pattern: the control plane's one job, as istiod's: the mesh-wide policy and what one pod said about
 * itself become that pod's sidecar configuration. Pure, so what a policy change does to each pod can
 * be computed (and compared with what it runs) before anything is touched.
 */
export function compileSidecar(
  policy: MeshPolicy,
  pod: PodRegistration,
  surroundings: PodSurroundings,
): SidecarConfig {
  const own = policy.services[pod.service] ?? {};
  return {
    process: pod.process,
    service: pod.service,
    version: pod.version,
    identity: spiffeId(policy.trustDomain, pod.service),
    trustDomain: policy.trustDomain,
    generation: surroundings.generation,
    inbound: {
      port: pod.inboundPort,
      mode: pod.ingress ? 'ingress' : 'mtls',
      // Clients of the ingress bring no mesh identity to check; the API authenticates them itself.
      ...(pod.ingress || own.authorization === undefined ? {} : { authorization: own.authorization }),
      faults: (own.faults ?? []).filter(
        (fault) => fault.version === undefined || fault.version === pod.version,
      ),
    },
    adminPort: pod.adminPort,
    app: pod.app,
    files: surroundings.files,
    sockets: surroundings.sockets,
    accessLog: surroundings.accessLog,
    outbound: outboundListeners(policy, pod),
  };
}

/** One listener per service the pod calls, all its versions behind it, weighted by the split. */
function outboundListeners(policy: MeshPolicy, pod: PodRegistration): OutboundListener[] {
  const services = [...new Set(pod.upstreams.map((upstream) => upstream.service))];
  return services.map((service) => {
    const listenPort = pod.outboundPorts[service];
    // The registration's validation guarantees it; a pod without the port could not call the service.
    if (listenPort === undefined)
      throw new Error(`${pod.process} registered no outbound port for ${service}`);
    const callee = policy.services[service] ?? {};
    return {
      service,
      listenPort,
      endpoints: pod.upstreams
        .filter((upstream) => upstream.service === service)
        .map(({ process, version, host, port }) => ({
          process,
          version,
          host,
          port,
          weight: splitWeight(callee.split, version),
        })),
      routes: callee.routes ?? [],
      ...(callee.outlierDetection ? { outlierDetection: callee.outlierDetection } : {}),
    };
  });
}

/** A version's share of the calls: the policy's split, or every call to v1 when it sets none. */
const splitWeight = (split: Record<string, number> | undefined, version: string) =>
  split === undefined ? (version === 'v1' ? 100 : 0) : (split[version] ?? 0);
