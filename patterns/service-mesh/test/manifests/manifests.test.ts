import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { generateManifests, MANIFEST_TARGETS, manifestsAsYaml } from '../../manifests/src/index.js';
import type { MeshPolicy } from '../../policy/src/mesh-policy.js';
import { parsePolicy } from '../../policy/src/parse-policy.js';
import { kindOf, problemsOf } from './cluster-validators.js';
import { EVERY_FEATURE } from './sample-policy.js';

const PATTERN = new URL('../../', import.meta.url);
const POLICY_FILES = [
  'mesh-policy.yaml',
  ...readdirSync(new URL('policies/', PATTERN))
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => `policies/${name}`),
];
const POLICIES: [string, MeshPolicy][] = [
  ['a policy using every feature', EVERY_FEATURE],
  ...POLICY_FILES.map((file): [string, MeshPolicy] => [
    file,
    parsePolicy(readFileSync(new URL(file, PATTERN), 'utf8')),
  ]),
];
const CASES = MANIFEST_TARGETS.flatMap((target) =>
  POLICIES.map(([name, policy]) => ({ target, name, policy })),
);

describe('cluster manifests generated from the mesh policy', () => {
  it('when the repository ships policy files, then the default and the experiments’ are among those generated from', () => {
    expect(POLICY_FILES).toEqual(
      expect.arrayContaining(['mesh-policy.yaml', 'policies/fault-injection.yaml']),
    );
  });

  it.each(CASES)(
    'when $name is generated for $target, then a cluster would take every object',
    ({ target, policy }) => {
      const objects = generateManifests(policy, target).flatMap((manifest) => manifest.objects);

      expect(objects.length).toBeGreaterThan(0);
      expect(objects.map((object) => [kindOf(object), problemsOf(object)])).toEqual(
        objects.map((object) => [kindOf(object), []]),
      );
    },
  );

  it.each(CASES)(
    'when $name is generated for $target, then no two objects of a kind share a name and all live in conduit',
    ({ target, policy }) => {
      const objects = generateManifests(policy, target).flatMap((manifest) => manifest.objects) as {
        metadata: { name: string; namespace?: string };
      }[];
      const keys = objects.map((object) => `${kindOf(object)} ${object.metadata.name}`);

      expect(new Set(keys).size).toBe(keys.length);
      expect(
        objects
          .filter((object) => kindOf(object) !== 'v1 Namespace')
          .every((o) => o.metadata.namespace === 'conduit'),
      ).toBe(true);
    },
  );

  it.each(CASES)(
    'when $name for $target is written as YAML, then reading it back gives the same objects',
    ({ target, policy }) => {
      const manifests = generateManifests(policy, target);
      const documents = parseAllDocuments(manifestsAsYaml(manifests));

      expect(documents.map((document) => document.toJS())).toEqual(
        manifests.flatMap((manifest) => manifest.objects),
      );
    },
  );

  it.each(MANIFEST_TARGETS)(
    'when written as YAML for %s, then each file starts with its name and its notes as comments',
    (target) => {
      const manifests = generateManifests(EVERY_FEATURE, target);
      const yaml = manifestsAsYaml(manifests);

      for (const { file, notes } of manifests) {
        const header = [file, ...notes.map((note) => `NOTE: ${note}`)].map((line) => `# ${line}\n`).join('');
        expect(yaml).toContain(`${header}---\n`);
      }
    },
  );

  it.each(MANIFEST_TARGETS)(
    'when %s is generated, then every file holds objects and a note never goes unwritten',
    (target) => {
      const manifests = generateManifests(EVERY_FEATURE, target);

      expect(manifests.every((manifest) => manifest.objects.length > 0)).toBe(true);
      expect(manifests.flatMap((manifest) => manifest.notes).length).toBeGreaterThan(0);
    },
  );
});
