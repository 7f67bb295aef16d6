import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  isPortFree,
  loadTopology,
  type PatternSlug,
  type ProvisionedDatabase,
  provisionDatabase,
  repoRoot,
} from '@journey/orchestrator/runtime';
import { stringify } from 'yaml';
import type { DeployDatabase, KubernetesObject } from '../deploy-options.js';
import { databaseSecretKey, type PlannedProcess, planDeployment } from '../deployment-plan.js';
import { localRunVolume, renderKubernetes } from '../kubernetes-objects.js';
import { writeContainersConf } from './containers-conf.js';
import { type ImageEvent, prepareLocalImages, type StaleImagesEvent } from './local-images.js';
import { ownedByThisProcess, podsPlayedHere, removeOrphanedPods } from './orphaned-pods.js';
import { type HealthEvent, waitUntilHealthy } from './pod-health.js';
import { missingContainerTools, type Podman, podman as podmanWith } from './podman.js';
import { createPodmanSecrets } from './podman-secrets.js';

export interface PlayOptions {
  database: DeployDatabase;
  /** The broker of a topology that has one, as `journey deploy --broker` names it. */
  broker?: string;
  /**
   * Throw-away PostgreSQL databases and SQLite volume, removed by `stop()` (tests), instead of the
   * lab's persistent databases and a volume kept between runs.
   */
  fresh: boolean;
  onEvent?: (event: PlayEvent) => void;
  /** Aborts the start (Ctrl-C while pods start): what was made is torn down, then the abort is thrown. */
  signal?: AbortSignal;
  /** How long every process may take to answer its health path. Default 120 s. */
  healthTimeoutMs?: number;
}

export type PlayEvent =
  | ImageEvent
  | StaleImagesEvent
  | HealthEvent
  | { kind: 'orphans-removed'; pods: string[] }
  | { kind: 'provisioned'; name: string; describe: string }
  | { kind: 'played'; manifest: string; pods: number; ms: number };

export interface LocalCluster {
  /** The public process's base URL; the API is under `/api`. */
  url: string;
  /** The manifest `podman kube play` ran, kept in the run's folder until `stop()`. */
  manifest: string;
  /** Pod ids as podman made them. */
  pods: string[];
  processes: { name: string; port: number }[];
  /** The volumes of the manifest's claims: removed by `stop()` when fresh, else kept for the next run. */
  volumes: string[];
  /** `podman kube down`, then whatever is left of the run removed; safe to call more than once. */
  stop(): Promise<void>;
}

/**
 * Runs a pattern's generated Kubernetes manifest (the `local` overlay: hostNetwork, fixed ports,
 * images built here) with `podman kube play`, and waits until every process answers its health path.
 */
export async function playLocally(slug: PatternSlug, options: PlayOptions): Promise<LocalCluster> {
  const missing = missingContainerTools();
  if (missing) throw new Error(missing);
  const topology = await loadTopology(slug);
  const render = { overlay: 'local', database: options.database, broker: options.broker } as const;
  const objects = renderKubernetes(topology, render);
  const plan = planDeployment(topology, 'local', options.database, options.broker);
  const runDir = mkdtempSync(join(tmpdir(), `journey-${slug}-podman-`));
  const podman = podmanWith(writeContainersConf(runDir));
  try {
    const orphans = await removeOrphanedPods(podman);
    if (orphans.length > 0) options.onEvent?.({ kind: 'orphans-removed', pods: orphans });
    await refuseTakenPorts(slug, plan.processes);
  } catch (error) {
    rmSync(runDir, { recursive: true, force: true });
    throw error;
  }
  const manifest = join(runDir, 'kubernetes.yaml');
  const made: Made = { pods: [], secrets: [], databases: [], volumes: [], emptyDirs: [] };
  const teardown = () => tearDown(podman, slug, manifest, made, options.fresh, runDir);
  try {
    await prepareLocalImages(podman, topology, repoRoot, options.onEvent);
    options.signal?.throwIfAborted();
    const databaseUrls = await provisionDatabases(slug, plan.topology, options, made);
    // The one podman 4.3 workaround left: kube play's own Secrets break secretKeyRef (podman-secrets.ts).
    made.secrets = await createPodmanSecrets(
      podman,
      objects.filter((object) => object.kind === 'Secret'),
      databaseUrls,
    );
    const objectsToPlay = ownedByThisProcess(objects.filter((object) => object.kind !== 'Secret'));
    const claims = objectsToPlay
      .filter((object) => object.kind === 'PersistentVolumeClaim')
      .map((object) => object.metadata.name);
    // A throw-away run starts on an empty volume even when a killed run left its own behind.
    if (options.fresh) await removeVolumes(podman, claims);
    made.volumes = claims;
    // podman makes the emptyDir a named volume and kube down leaves it: an emptyDir starts empty.
    made.emptyDirs = [localRunVolume(topology)];
    await removeVolumes(podman, made.emptyDirs);
    // A kept volume is reused as a cluster reuses a bound claim; podman 4.3 refuses to create it again
    // ("volume with name … already exists"), so its claim is left out of what is played.
    const kept = new Set(await existingVolumes(podman, claims));
    const played = objectsToPlay.filter(
      (object) => !(object.kind === 'PersistentVolumeClaim' && kept.has(object.metadata.name)),
    );
    writeFileSync(manifest, toYaml(played));
    const started = Date.now();
    made.pods = podIds(await podman.run(['kube', 'play', manifest]));
    options.onEvent?.({ kind: 'played', manifest, pods: made.pods.length, ms: Date.now() - started });
    await waitUntilHealthy(podman, {
      processes: plan.processes,
      pods: made.pods,
      timeoutMs: options.healthTimeoutMs ?? 120_000,
      onEvent: options.onEvent,
      signal: options.signal,
    });
  } catch (error) {
    await teardown().catch((teardownError: Error) => {
      throw new AggregateError(
        [error, teardownError],
        `${slug}: ${(error as Error).message}; ${teardownError.message}`,
      );
    });
    throw error;
  }
  const publicProcess = plan.processes.find((process) => process.spec.public) ?? plan.processes[0]!;
  let stopping: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${publicProcess.port}`,
    manifest,
    pods: made.pods,
    volumes: made.volumes,
    processes: plan.processes.map(({ name, port }) => ({ name, port })),
    stop: () => {
      stopping ??= teardown();
      return stopping;
    },
  };
}

/** What a run made, so its teardown removes exactly that. */
interface Made {
  pods: string[];
  secrets: string[];
  databases: ProvisionedDatabase[];
  /** Named volumes from the manifest's claims (podman 4.3's `kube down` leaves them). */
  volumes: string[];
  /** The volumes podman made for the pods' emptyDirs: removed on every teardown, as a pod's emptyDir is. */
  emptyDirs: string[];
}

/** With hostNetwork a taken port would only show as a crash loop; say who should have it instead. */
async function refuseTakenPorts(slug: string, processes: readonly PlannedProcess[]): Promise<void> {
  for (const process of processes) {
    for (const port of [process.port, ...(process.adminPort === undefined ? [] : [process.adminPort])]) {
      if (!(await isPortFree(port)))
        throw new Error(
          `port ${port}, fixed for ${slug}'s ${process.name} in the local overlay, is in use: is ${slug} already running (podman pod ps)?`,
        );
    }
  }
}

/**
 * On PostgreSQL, the lab's databases for the pattern (throw-away ones when fresh), as the lab
 * provisions them for `journey up`: the Secret's URLs are replaced by theirs, as a local
 * `secretGenerator` would. SQLite lives on the manifest's volume and needs nothing here.
 */
async function provisionDatabases(
  slug: string,
  topology: { infrastructure: { name: string; kind: string }[] },
  options: PlayOptions,
  made: Made,
): Promise<Record<string, string>> {
  if (options.database !== 'postgres') return {};
  const urls: Record<string, string> = {};
  for (const { name } of topology.infrastructure.filter((piece) => piece.kind === 'database')) {
    const database = await provisionDatabase(slug, name, 'postgres', { fresh: options.fresh });
    made.databases.push(database);
    urls[databaseSecretKey(name)] = database.url;
    options.onEvent?.({ kind: 'provisioned', name, describe: database.describe });
  }
  return urls;
}

async function existingVolumes(podman: Podman, volumes: readonly string[]): Promise<string[]> {
  const exist = await Promise.all(volumes.map((volume) => podman.succeeds(['volume', 'exists', volume])));
  return volumes.filter((_, index) => exist[index]);
}

async function removeVolumes(podman: Podman, volumes: readonly string[]): Promise<void> {
  for (const volume of await existingVolumes(podman, volumes))
    await podman.run(['volume', 'rm', '--force', volume]);
}

const toYaml = (objects: readonly KubernetesObject[]) =>
  objects.map((object) => stringify(object, { lineWidth: 0, aliasDuplicateObjects: false })).join('---\n');

/** The pod ids in `podman kube play`'s report: the line after each `Pod:`. */
function podIds(report: string): string[] {
  const lines = report.split('\n').map((line) => line.trim());
  return lines.flatMap((line, index) => (line === 'Pod:' && lines[index + 1] ? [lines[index + 1]!] : []));
}

/**
 * Removes what the run made, in order, and goes on past a failed step so one stuck piece leaves no
 * others behind; the failures are reported together at the end.
 */
async function tearDown(
  podman: Podman,
  slug: string,
  manifest: string,
  made: Made,
  fresh: boolean,
  runDir: string,
): Promise<void> {
  const problems: string[] = [];
  const step = async (what: string, action: () => Promise<unknown>) => {
    try {
      await action();
    } catch (error) {
      problems.push(`${what}: ${(error as Error).message}`);
    }
  };
  if (made.pods.length > 0) await step('podman kube down', () => podman.run(['kube', 'down', manifest]));
  // What kube down did not take (the pods of a play that failed half-way): by this run's label, only ours.
  const left = await podsPlayedHere(podman, slug).catch(() => made.pods);
  for (const pod of left)
    await step(`podman pod rm ${pod}`, () => podman.run(['pod', 'rm', '--force', '--ignore', pod]));
  for (const secret of made.secrets)
    await step(`podman secret rm ${secret}`, () => podman.run(['secret', 'rm', secret]));
  await step('removing the emptyDir volume', () => removeVolumes(podman, made.emptyDirs));
  if (fresh) await step('removing the throw-away volume', () => removeVolumes(podman, made.volumes));
  for (const database of made.databases)
    await step('dropping a throw-away database', () => database.dispose());
  rmSync(runDir, { recursive: true, force: true });
  if (problems.length > 0)
    throw new Error(`the local run's teardown left something behind: ${problems.join('; ')}`);
}
