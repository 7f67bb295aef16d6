import type { Topology } from '@journey/topology';
import type { KubernetesObject, RenderOptions } from './deploy-options.js';

/**
 * A Kustomize overlay of the topology flattened into its final objects, as `kustomize build` would
 * print them (Kustomize is not installed here): what `podman kube play` runs for `local`.
 */
export function renderKubernetes(topology: Topology, options: RenderOptions): KubernetesObject[] {
  throw new Error(`renderKubernetes(${topology.id}, ${options.overlay}): not written yet`);
}
