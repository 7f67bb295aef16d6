import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';

const policyFile = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

/** A policy file of the pattern, as `journey mesh apply` sends it: `mesh-policy.yaml`, `policies/canary-10.yaml`. */
export const shippedPolicy = (path: string) => readFileSync(policyFile(path), 'utf8');

/** The policy the mesh starts from: articles-v2 gets no calls, articles' calls retried only on connect-failure, no faults. */
export const defaultPolicy = () => shippedPolicy('mesh-policy.yaml');

/** One change to the default policy: the value at a path of the YAML document (`['services', 'articles', 'split']`). */
export type PolicyEdit = [path: (string | number)[], value: unknown];

/**
 * The default policy with a few values replaced, so a test states only what it changes and the rest
 * stays the policy the mesh ships with (a policy file is always the whole policy).
 */
export function policyWith(...edits: PolicyEdit[]): string {
  const document = parseDocument(defaultPolicy());
  for (const [path, value] of edits) document.setIn(path, value);
  return document.toString();
}
