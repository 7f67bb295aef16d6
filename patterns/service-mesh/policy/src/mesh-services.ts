import microservices from '@journey/pattern-microservices/topology';
import { resolveTopology } from '@journey/topology';
import mesh from '../../topology.js';

/** The services a policy may name, each with its versions (`articles: ['v1', 'v2']`). */
export type MeshServices = Readonly<Record<string, readonly string[]>>;

/**
 * Read from the overlay's pods (their MESH_SERVICE and MESH_VERSION), so a canary added to the
 * topology is a version the policy may split traffic to without touching the parser.
 */
export const MESH_SERVICES: MeshServices = resolveTopology(mesh, microservices).processes.reduce<
  Record<string, string[]>
>((services, { env }) => {
  if (env?.MESH_SERVICE !== undefined && env.MESH_VERSION !== undefined) {
    services[env.MESH_SERVICE] = [...(services[env.MESH_SERVICE] ?? []), env.MESH_VERSION];
  }
  return services;
}, {});
