import { readJwtSecret } from '@journey/platform';
import type { ProcessSpec, Topology } from '@journey/topology';
import type { KubernetesObject, RenderOptions } from './deploy-options.js';
import {
  DATA_DIR,
  type DeploymentPlan,
  databaseSecretKey,
  JWT_SECRET_KEY,
  type PlannedProcess,
  planDeployment,
  postgresDatabase,
  RUN_DIR,
  SERVICE_PORT,
} from './deployment-plan.js';
import { healthCommand } from './health-probe.js';
import { clusterImage, localImage } from './images.js';
import { isMeshPod } from './mesh-pods.js';

/**
 * A process others depend on that uses no infrastructure keeps what it knows in memory (a service
 * registry, a control plane): a second replica would split it.
 */
const keepsStateInMemory = (topology: Topology, process: ProcessSpec) =>
  (process.uses ?? []).length === 0 && topology.processes.some((p) => p.dependsOn?.includes(process.name));

/** Conduit's namespace: the mesh's manifests fix `conduit` (WORKLOAD_CONTRACT); every other pattern its own. */
export const namespaceOf = (topology: Topology) =>
  topology.processes.some(isMeshPod) ? 'conduit' : `journey-${topology.id}`;
export const secretName = (topology: Topology) => `${topology.id}-secrets`;
export const dataClaimName = (topology: Topology) => `${topology.id}-data`;

/**
 * Local names podman cannot scope: it ignores namespaces, so two patterns' `gateway` Deployments
 * would be one pod name ("pod already exists"), and it makes every emptyDir a named volume, so every
 * `run` would be one volume shared by all pods of all patterns. In the local overlay both carry the
 * pattern's slug; a cluster's namespace does that there.
 */
export const localDeploymentName = (topology: Topology, process: string) => `${topology.id}-${process}`;
export const localRunVolume = (topology: Topology) => `${topology.id}-run`;

/**
 * The overlay's final objects, as `kustomize build overlays/<overlay>` prints them (Kustomize is not
 * installed here, so the base and the patches are derived from these, not the other way round).
 * `local` keeps only what `podman kube play` runs: Deployments, ConfigMaps, the Secret and the claim.
 */
export function renderKubernetes(topology: Topology, options: RenderOptions): KubernetesObject[] {
  const plan = planDeployment(topology, options.overlay, options.database, options.broker);
  const namespace = namespaceOf(topology);
  const meta = (name: string, labels?: Record<string, string>) => ({
    name,
    namespace,
    ...(labels && { labels }),
  });
  const local = options.overlay === 'local';
  const sharesFiles = plan.processes.filter((p) => p.keepsFiles).length > 1;
  const objects: KubernetesObject[] = [];
  if (!local) objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
  for (const service of new Set(plan.processes.map((p) => p.service))) {
    if (!local) objects.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(service) });
  }
  if (plan.processes.some((p) => p.keepsFiles)) {
    objects.push({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: meta(dataClaimName(topology)),
      // ReadWriteOnce: SQLite wants a local disk, never a network filesystem, so every pod that keeps
      // a file runs on the volume's node (pod affinity below) and stays one replica.
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    });
  }
  if (local) objects.push(localSecret(plan, namespace));
  for (const process of plan.processes) {
    objects.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta(`${process.name}-env`, process.labels),
      data: process.env,
    });
    objects.push(deployment(plan, process, meta, local, sharesFiles));
    if (!local) {
      const scalable = !process.keepsFiles && !keepsStateInMemory(topology, process.spec);
      if (scalable) objects.push(autoscaler(process, meta));
    }
  }
  if (!local) {
    for (const service of new Set(plan.processes.map((p) => p.service))) {
      objects.push({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: meta(service, { app: service }),
        spec: {
          type: 'ClusterIP',
          selector: { app: service },
          ports: [{ name: 'http', port: SERVICE_PORT, targetPort: 'http' }],
        },
      });
    }
  }
  return objects;
}

function deployment(
  plan: DeploymentPlan,
  process: PlannedProcess,
  meta: (name: string, labels?: Record<string, string>) => KubernetesObject['metadata'],
  local: boolean,
  sharesFiles: boolean,
): KubernetesObject {
  const slug = plan.topology.id;
  // Locally an exec probe running Node: podman turns an httpGet probe into a curl health check, and
  // the image has no curl. A cluster's kubelet probes the named port itself.
  const check = local
    ? { exec: { command: healthCommand(process) } }
    : {
        httpGet: { path: process.spec.health, port: process.adminPort !== undefined ? 'admin' : 'http' },
      };
  const probe = (periodSeconds: number, failureThreshold: number) => ({
    ...check,
    periodSeconds,
    failureThreshold,
    timeoutSeconds: 3,
  });
  const runVolume = local ? localRunVolume(plan.topology) : 'run';
  const volumes = [
    { name: runVolume, emptyDir: {} },
    ...(process.keepsFiles
      ? [{ name: 'data', persistentVolumeClaim: { claimName: dataClaimName(plan.topology) } }]
      : []),
  ];
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(local ? localDeploymentName(plan.topology, process.name) : process.name, process.labels),
    spec: {
      // A process keeping a SQLite file is one writer: one replica, replaced rather than rolled.
      replicas: 1,
      ...(process.keepsFiles && { strategy: { type: 'Recreate' } }),
      selector: { matchLabels: { app: process.service, 'app.kubernetes.io/component': process.name } },
      template: {
        metadata: { labels: process.labels },
        spec: {
          serviceAccountName: process.service,
          ...(local && { hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' }),
          securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000 },
          terminationGracePeriodSeconds: 15,
          ...(process.keepsFiles && sharesFiles && { affinity: sameNodeAsData(slug) }),
          containers: [
            {
              name: process.name,
              image: local ? localImage(slug, process.name) : clusterImage(slug, process.name),
              imagePullPolicy: local ? 'Never' : 'IfNotPresent',
              command: process.command,
              envFrom: [{ configMapRef: { name: `${process.name}-env` } }],
              env: Object.entries(process.secretEnv).map(([name, key]) => ({
                name,
                valueFrom: { secretKeyRef: { name: secretName(plan.topology), key } },
              })),
              // On the host's network a process listens on its fixed port as it is; podman would turn
              // each containerPort into a port mapping and refuse it there ("PortMappings can only be
              // used with Bridge or slirp4netns networking").
              ...(!local && {
                ports: [
                  { name: 'http', containerPort: process.port },
                  ...(process.adminPort !== undefined
                    ? [{ name: 'admin', containerPort: process.adminPort }]
                    : []),
                ],
              }),
              readinessProbe: probe(5, 3),
              livenessProbe: { ...probe(10, 6), initialDelaySeconds: 20 },
              resources: {
                requests: { cpu: '50m', memory: '128Mi' },
                limits: { cpu: '1', memory: '512Mi' },
              },
              volumeMounts: [
                { name: runVolume, mountPath: RUN_DIR },
                ...(process.keepsFiles ? [{ name: 'data', mountPath: DATA_DIR }] : []),
              ],
            },
          ],
          volumes,
        },
      },
    },
  };
}

/** Pods sharing the SQLite volume (ReadWriteOnce) must share its node. */
const sameNodeAsData = (slug: string) => ({
  podAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: [
      {
        labelSelector: { matchLabels: { 'app.kubernetes.io/part-of': `journey-${slug}` } },
        topologyKey: 'kubernetes.io/hostname',
      },
    ],
  },
});

const autoscaler = (
  process: PlannedProcess,
  meta: (name: string) => KubernetesObject['metadata'],
): KubernetesObject => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: meta(process.name),
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: process.name },
    minReplicas: 1,
    maxReplicas: 5,
    metrics: [
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
      },
    ],
  },
});

/**
 * The local overlay's secrets.local.env: this lab's own signing secret (made on first use in its data
 * directory, as every process the lab starts reads it; no secret is written in the code), and
 * PostgreSQL as postgres on 127.0.0.1 (trust).
 */
export function localSecretValues(plan: DeploymentPlan): Record<string, string> {
  const values: Record<string, string> = { [JWT_SECRET_KEY]: readJwtSecret().jwtSecret };
  if (plan.database === 'postgres') {
    for (const database of plan.topology.infrastructure.filter((i) => i.kind === 'database'))
      values[databaseSecretKey(database.name)] =
        `postgres://postgres@127.0.0.1:5432/${postgresDatabase(plan.topology.id, database.name)}`;
  }
  return values;
}

/**
 * One machine's Secret (what `secretGenerator` makes from secrets.local.env): this lab's signing
 * secret and PostgreSQL as user postgres on 127.0.0.1, trusted.
 */
function localSecret(plan: DeploymentPlan, namespace: string): KubernetesObject {
  const values = localSecretValues(plan);
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: secretName(plan.topology), namespace },
    type: 'Opaque',
    data: Object.fromEntries(
      Object.entries(values).map(([key, value]) => [key, Buffer.from(value).toString('base64')]),
    ),
  };
}
