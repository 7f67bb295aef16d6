import type { ProcessSpec, Topology } from '@journey/topology';

/**
 * A service mesh's pods as the lab runs them: a pod launcher (`… pod/src/main.ts -- <service
 * command>`) that the overlay gives `MESH_SERVICE`. A cluster's mesh injects its own sidecar, so
 * there a pod is its service's command alone and mesh-control has no place.
 */
export const isMeshPod = (process: ProcessSpec) => process.env?.MESH_SERVICE !== undefined;

export const meshService = (process: ProcessSpec) => process.env?.MESH_SERVICE ?? process.name;

/** The service's own command: what follows the launcher's `--`. */
export function unwrappedCommand(process: ProcessSpec): string[] {
  const separator = process.command.indexOf('--');
  if (separator < 0) throw new Error(`pod "${process.name}" has no "--" before its service's command`);
  return process.command.slice(separator + 1);
}

/** The process every pod depends on that is no pod itself: the lab's control plane. */
export const isMeshControlPlane = (topology: Topology, process: ProcessSpec) => {
  const pods = topology.processes.filter(isMeshPod);
  return !isMeshPod(process) && pods.length > 0 && pods.every((pod) => pod.dependsOn?.includes(process.name));
};
