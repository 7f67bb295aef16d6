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

/** A `patches` entry: the file, and for a renaming patch the object it targets by its base name. */
interface Patch {
  path: string;
  target?: { kind: string; name: string };
  options?: { allowNameChange: true };
}

/**
 * The base object a local one renames (the local overlay names its Deployments after the pattern, as
 * podman ignores namespaces): same kind and namespace, same `app.kubernetes.io/component`.
 */
function renamedFrom(
  base: readonly KubernetesObject[],
  object: KubernetesObject,
): KubernetesObject | undefined {
  const component = object.metadata.labels?.['app.kubernetes.io/component'];
  if (component === undefined) return undefined;
  return base.find(
    (candidate) =>
      candidate.kind === object.kind &&
      candidate.metadata.namespace === object.metadata.namespace &&
      candidate.metadata.labels?.['app.kubernetes.io/component'] === component,
  );
}

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
  const added: string[] = [];
  const patches: Patch[] = [];
  const patched = new Set<string>();
  for (const object of local) {
    if (object.kind === 'Secret') continue;
    const original = baseById.get(idOf(object)) ?? renamedFrom(base, object);
    if (original === undefined) {
      files[`overlays/local/${fileOf(object)}`] = yamlDocuments([object]);
      added.push(fileOf(object));
      continue;
    }
    patched.add(idOf(original));
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
    const renamed = original.metadata.name !== object.metadata.name;
    patches.push({
      path: file,
      // A patch that renames its object targets it by its base name, and must say it may rename it.
      ...(renamed && {
        target: { kind: object.kind, name: original.metadata.name },
        options: { allowNameChange: true },
      }),
    });
  }
  for (const object of base) {
    if (patched.has(idOf(object))) continue;
    const file = `delete-${fileOf(object)}`;
    files[`overlays/local/${file}`] = yamlDocuments([
      {
        $patch: 'delete',
        apiVersion: object.apiVersion,
        kind: object.kind,
        metadata: { name: object.metadata.name, namespace: object.metadata.namespace },
      },
    ]);
    patches.push({ path: file });
  }
  files['overlays/local/kustomization.yaml'] = stringify({
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: ['../../base', ...added],
    patches,
    secretGenerator: [generator('secrets.local.env')],
    generatorOptions: { disableNameSuffixHash: true },
  });
  files['overlays/local/secrets.local.env'] = `${Object.entries(secret.localValues)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n')}\n`;
  files['overlays/local/rendered.yaml'] =
    `# kustomize build overlays/local, flattened by journey deploy: what \`podman kube play\` runs, on the\n# images \`journey deploy <pattern> --target kubernetes --run-local\` builds (podman before 4.4 breaks\n# secretKeyRef to a Secret it played, containers/podman#16269: --run-local creates the secret itself).\n${yamlDocuments(local)}`;
  return files;
}
