import { generateManifests, type ManifestTarget } from '../../manifests/src/index.js';
import type { MeshPolicy } from '../../policy/src/mesh-policy.js';
import { kindOf } from './cluster-validators.js';
import { EVERY_FEATURE } from './sample-policy.js';

// biome-ignore lint/suspicious/noExplicitAny: tests read generated objects by path
type Loose = any;

/** A target's manifests for a policy, searchable the way a reader of the YAML looks things up. */
export function generated(target: ManifestTarget, policy: MeshPolicy = EVERY_FEATURE) {
  const manifests = generateManifests(policy, target);
  const objects = manifests.flatMap((manifest) => manifest.objects) as Loose[];
  const all = (kind: string) => objects.filter((object) => kindOf(object).endsWith(` ${kind}`));
  return {
    manifests,
    notes: manifests.flatMap((manifest) => manifest.notes),
    all,
    one(kind: string, name: string): Loose {
      const found = all(kind).filter((object) => object.metadata.name === name);
      if (found.length !== 1) throw new Error(`${found.length} ${kind} named ${name}`);
      return found[0];
    },
    names: (kind: string) => all(kind).map((object) => object.metadata.name as string),
  };
}
