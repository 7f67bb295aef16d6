import type { MeshPolicy, ServicePolicy } from '../../policy/src/mesh-policy.js';
import { MESH_PODS } from '../../policy/src/mesh-services.js';

/** A service of the mesh as a cluster runs it: every version deployed and what the policy says of it. */
export interface ClusterService {
  name: string;
  /** `v1` first: the version that takes every call when the policy sets no split. */
  versions: string[];
  /** Clients outside the mesh call it: its sidecar is the lab's ingress. */
  ingress: boolean;
  /** `{}` for a service the policy file leaves out. */
  policy: ServicePolicy;
}

const byVersion = (a: string, b: string) => (a === 'v1' ? -1 : b === 'v1' ? 1 : a.localeCompare(b));

/**
 * The services the overlay deploys as pods, so a cluster runs what the lab runs: a canary exists
 * there because the overlay declares it, whatever the policy splits. Services the policy names
 * beyond them follow.
 */
export function clusterServices(policy: MeshPolicy): ClusterService[] {
  const names = [...new Set([...MESH_PODS.map((pod) => pod.service), ...Object.keys(policy.services)])];
  return names.map((name) => {
    const pods = MESH_PODS.filter((pod) => pod.service === name);
    const servicePolicy = policy.services[name] ?? {};
    const versions = new Set([
      'v1',
      ...pods.map((pod) => pod.version),
      ...Object.keys(servicePolicy.split ?? {}),
    ]);
    return {
      name,
      versions: [...versions].sort(byVersion),
      ingress: pods.some((pod) => pod.ingress),
      policy: servicePolicy,
    };
  });
}

/**
 * Where calls to the service go, by version, in percent: the policy's split without its empty shares
 * (a version at 0 gets no route), or everything to v1.
 */
export function trafficShares(service: ClusterService): [version: string, percent: number][] {
  const shares = Object.entries(service.policy.split ?? { v1: 100 }).filter(([, percent]) => percent > 0);
  return shares.sort(([a], [b]) => byVersion(a, b));
}
