import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { loadTopology, type PatternSlug, patternFolder, repoRoot } from '@journey/orchestrator/runtime';
import type { Topology } from '@journey/topology';
import { brokerResources } from './broker-resources.js';
import { renderCompose } from './compose.js';
import type { WriteOptions } from './deploy-options.js';
import { planDeployment } from './deployment-plan.js';
import { DOCKERIGNORE, dockerfileName, renderDockerfile } from './dockerfile.js';
import { functionDeploys } from './function-deploys.js';
import { helmChart } from './helm-chart.js';
import { localSecretValues, namespaceOf, renderKubernetes, secretName } from './kubernetes-objects.js';
import { kustomizeTree, yamlDocuments } from './kustomize.js';
import { writeMeshManifests } from './mesh-manifests.js';
import { isMeshPod } from './mesh-pods.js';
import { lockedTsxVersion, workspaceManifests } from './workspace-manifests.js';

/**
 * Writes a pattern's deploy artifacts for one target under `out`: always the Dockerfiles
 * (`docker/`), then `compose/`, `kubernetes/` (Kustomize base, overlays `cluster` and `local` with
 * `overlays/local/rendered.yaml`, the broker's operator resources, a mesh's own manifests) or
 * `helm/journey-<pattern>/`; a pattern of functions also gets `functions/`, pointing at its own
 * deploy tooling. Answers the files written, relative to `out`.
 */
export async function writeDeployment(slug: string, options: WriteOptions): Promise<{ files: string[] }> {
  const topology = await loadTopology(slug as PatternSlug);
  const out = resolve(options.out);
  const written: string[] = [];
  const write = async (path: string, text: string) => {
    await mkdir(dirname(join(out, path)), { recursive: true });
    await writeFile(join(out, path), text);
    written.push(path);
  };
  const writeAll = async (folder: string, files: Record<string, string>) => {
    for (const [path, text] of Object.entries(files)) await write(`${folder}/${path}`, text);
  };
  await writeAll('docker', dockerfiles(topology));
  const functions = functionDeploys(patternFolder(slug), slug);
  if (functions) await writeAll('functions', functions.files);
  if (options.target === 'compose') {
    const plan = planDeployment(topology, 'compose', options.database, options.broker);
    const files = renderCompose(plan, {
      composeDir: join(out, 'compose'),
      dockerDir: join(out, 'docker'),
      repoRoot,
    });
    await writeAll('compose', { ...files, 'jwt-secret.txt': randomBytes(32).toString('hex') });
    return { files: written };
  }
  const cluster = renderKubernetes(topology, {
    overlay: 'cluster',
    database: options.database,
    broker: options.broker,
  });
  const broker = brokerResources(planDeployment(topology, 'cluster', options.database, options.broker));
  if (options.target === 'helm') {
    await writeAll(`helm/journey-${slug}`, helmChart(topology, cluster));
    if (broker.objects.length > 0 || broker.notes.length > 0) await writeAll('helm', brokerFiles(broker));
    return { files: written };
  }
  const local = renderKubernetes(topology, {
    overlay: 'local',
    database: options.database,
    broker: options.broker,
  });
  await writeAll(
    'kubernetes',
    kustomizeTree(cluster, local, {
      name: secretName(topology),
      namespace: namespaceOf(topology),
      clusterKeys: planDeployment(topology, 'cluster', options.database, options.broker).secretKeys,
      localValues: localSecretValues(planDeployment(topology, 'local', options.database, options.broker)),
    }),
  );
  if (broker.objects.length > 0 || broker.notes.length > 0) await writeAll('kubernetes', brokerFiles(broker));
  if (topology.processes.some(isMeshPod)) {
    for (const file of await writeMeshManifests(slug, join(out, 'kubernetes', 'mesh')))
      written.push(file.startsWith(out) ? file.slice(out.length + 1) : file);
  }
  return { files: written };
}

function dockerfiles(topology: Topology): Record<string, string> {
  const inputs = { manifests: workspaceManifests(), tsxVersion: lockedTsxVersion() };
  return {
    '.dockerignore': DOCKERIGNORE,
    ...Object.fromEntries(
      topology.processes.map((process) => [
        dockerfileName(process.name),
        renderDockerfile(topology, process, inputs),
      ]),
    ),
  };
}

function brokerFiles(broker: ReturnType<typeof brokerResources>): Record<string, string> {
  return {
    ...(broker.objects.length > 0 && { 'broker/broker.yaml': yamlDocuments(broker.objects) }),
    'broker/NOTES.md': `# The broker in a cluster\n\n${broker.notes.map((note) => `- ${note}`).join('\n')}\n`,
  };
}
