import type { MeshPolicy } from '../../policy/src/mesh-policy.js';
import { clusterServices } from './cluster-services.js';
import { consulManifests } from './consul.js';
import { istioManifests } from './istio.js';
import { linkerdManifests } from './linkerd.js';
import type { GeneratedManifest } from './manifest.js';

export { type GeneratedManifest, manifestsAsYaml } from './manifest.js';

/** The meshes a cluster could run the lab's policy on; the CLI's `--target`. */
export const MANIFEST_TARGETS = ['istio', 'linkerd', 'consul'] as const;
export type ManifestTarget = (typeof MANIFEST_TARGETS)[number];

const GENERATORS: Record<ManifestTarget, typeof istioManifests> = {
  istio: istioManifests,
  linkerd: linkerdManifests,
  consul: consulManifests,
};

/**
 * The policy the lab's sidecars run, as one mesh's resources for a cluster: the services the overlay
 * deploys in namespace `conduit`, and whatever of the policy the target can express. What it cannot
 * is in the manifests' `notes`, never silently left out.
 */
export const generateManifests = (policy: MeshPolicy, target: ManifestTarget): GeneratedManifest[] =>
  GENERATORS[target](policy, clusterServices(policy));
