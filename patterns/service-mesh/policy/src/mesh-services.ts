import { meshTopology } from '../../topology.js';

/** The services a policy may name, each with its versions (`articles: ['v1', 'v2']`). */
export type MeshServices = Readonly<Record<string, readonly string[]>>;

/** A pod the overlay declares: which version of which service its topology process runs. */
export interface DeclaredPod {
  process: string;
  service: string;
  version: string;
  /** The public process: its sidecar is the mesh's ingress. */
  ingress: boolean;
}

/**
 * Read from the overlay's pods (their MESH_SERVICE, MESH_VERSION and MESH_INGRESS), so a canary added
 * to the topology is a version the policy may split traffic to without touching the parser.
 */
export const MESH_PODS: readonly DeclaredPod[] = meshTopology.processes.flatMap(({ name, env }) =>
  env?.MESH_SERVICE === undefined || env.MESH_VERSION === undefined
    ? []
    : [
        {
          process: name,
          service: env.MESH_SERVICE,
          version: env.MESH_VERSION,
          ingress: env.MESH_INGRESS === 'true',
        },
      ],
);

export const MESH_SERVICES: MeshServices = MESH_PODS.reduce<Record<string, string[]>>((services, pod) => {
  services[pod.service] = [...(services[pod.service] ?? []), pod.version];
  return services;
}, {});

/**
 * The versions of `service`, if the mesh runs it. Its own names only: a policy naming `constructor` or
 * `__proto__` must not find what every object inherits.
 */
export const versionsOf = (mesh: MeshServices, service: string): readonly string[] | undefined =>
  Object.hasOwn(mesh, service) ? mesh[service] : undefined;
