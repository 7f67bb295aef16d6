import { stringify } from 'yaml';
import type { KubernetesObject } from './deploy-options.js';
import { strategicPatch } from './strategic-patch.js';

/** No anchors for objects used twice (a Deployment's labels): every reader, podman's too, sees plain YAML. */
export const YAML_OPTIONS = { lineWidth: 0, aliasDuplicateObjects: false } as const;

export const yamlDocuments = (objects: readonly object[]) =>
  objects.map((object) => stringify(object, YAML_OPTIONS)).join('---\n');

const fileOf = (object: KubernetesObject) => `${object.kind.toLowerCase()}-${object.metadata.name}.yaml`;
const idOf = (object: KubernetesObject) =>
  `${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`;

/** Files of a Kustomize tree, by path relative to its `kubernetes/` folder. */
export type KustomizeFiles = Record<string, string>;

/**
 * The base is the cluster's objects without its Secret (the learner's, from a file they fill); each
 * overlay is the base plus what makes its own objects: objects it adds as resources, strategic-merge
 * patches for the ones it changes, `$patch: delete` for those it drops, and its secretGenerator.
 */
export function kustomizeTree(
  cluster: KubernetesObject[],
  local: KubernetesObject[],
  secret: { name: string; namespace: string; clusterKeys: string[]; localValues: Record<string, string> },
): KustomizeFiles {
  const files: KustomizeFiles = {};
  const base = cluster.filter((object) => object.kind !== 'Secret');
  for (const object of base) files[`base/${fileOf(object)}`] = yamlDocuments([object]);
  files['base/kustomization.yaml'] = stringify({
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: base.map(fileOf),
  });
  const generator = (envFile: string) => ({
    name: secret.name,
    namespace: secret.namespace,
    envs: [envFile],
  });
  files['overlays/cluster/kustomization.yaml'] = `${stringify({
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: ['../../base'],
    // secrets.env is yours to fill (copy secrets.env.example) and never to commit.
    secretGenerator: [generator('secrets.env')],
    generatorOptions: { disableNameSuffixHash: true },
  })}# Point the images at your registry:\n#   kustomize edit set image journey/<pattern>-<process>=<registry>/journey/<pattern>-<process>:<tag>\n`;
  files['overlays/cluster/secrets.env.example'] =
    `${secret.clusterKeys.map((key) => `${key}=`).join('\n')}\n`;
  const baseById = new Map(base.map((object) => [idOf(object), object]));
  const localIds = new Set(local.map(idOf));
  const added: string[] = [];
  const patches: string[] = [];
  for (const object of local) {
    if (object.kind === 'Secret') continue;
    const original = baseById.get(idOf(object));
    if (original === undefined) {
      files[`overlays/local/${fileOf(object)}`] = yamlDocuments([object]);
      added.push(fileOf(object));
      continue;
    }
    const patch = strategicPatch(original, object);
    if (patch === undefined) continue;
    const file = `patch-${fileOf(object)}`;
    files[`overlays/local/${file}`] = yamlDocuments([
      {
        apiVersion: object.apiVersion,
        kind: object.kind,
        ...patch,
        // A patch names its target, whatever else of the metadata (labels) it changes.
        metadata: {
          ...(patch.metadata as object),
          name: object.metadata.name,
          namespace: object.metadata.namespace,
        },
      },
    ]);
    patches.push(file);
  }
  for (const object of base) {
    if (localIds.has(idOf(object))) continue;
    const file = `delete-${fileOf(object)}`;
    files[`overlays/local/${file}`] = yamlDocuments([
      {
        $patch: 'delete',
        apiVersion: object.apiVersion,
        kind: object.kind,
        metadata: { name: object.metadata.name, namespace: object.metadata.namespace },
      },
    ]);
    patches.push(file);
  }
  files['overlays/local/kustomization.yaml'] = stringify({
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: ['../../base', ...added],
    patches: patches.map((path) => ({ path })),
    secretGenerator: [generator('secrets.local.env')],
    generatorOptions: { disableNameSuffixHash: true },
  });
  files['overlays/local/secrets.local.env'] = `${Object.entries(secret.localValues)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n')}\n`;
  files['overlays/local/rendered.yaml'] =
    `# kustomize build overlays/local, flattened by journey deploy: what \`podman kube play\` runs.\n${yamlDocuments(local)}`;
  return files;
}
