/** What `journey deploy --target` writes. */
export const DEPLOY_TARGETS = ['compose', 'kubernetes', 'helm'] as const;
export type DeployTarget = (typeof DEPLOY_TARGETS)[number];

/**
 * The two Kustomize overlays: `cluster` is a real cluster (ClusterIP Services, DNS names, images from
 * a registry); `local` is what `podman kube play` runs on one machine (hostNetwork, every process on
 * its own fixed port, images built locally).
 */
export const KUBERNETES_OVERLAYS = ['cluster', 'local'] as const;
export type KubernetesOverlay = (typeof KUBERNETES_OVERLAYS)[number];

/** The databases a deployment can run on, as `--db` names them. */
export type DeployDatabase = 'sqlite' | 'postgres';

export interface RenderOptions {
  overlay: KubernetesOverlay;
  database: DeployDatabase;
  /** The broker of a topology that has one: `rabbitmq` (default in a cluster), `nats`, `kafka`, `embedded`. */
  broker?: string;
}

export interface WriteOptions {
  target: DeployTarget;
  /** The folder the artifacts go to; created when missing. */
  out: string;
  database: DeployDatabase;
  broker?: string;
}

/** A Kubernetes object as plain data: `apiVersion`, `kind`, `metadata`, and the rest. */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; [key: string]: unknown };
  [key: string]: unknown;
}
