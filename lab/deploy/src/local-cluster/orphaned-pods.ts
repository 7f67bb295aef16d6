import { processExists } from '@journey/platform';
import type { KubernetesObject } from '../deploy-options.js';
import type { Podman } from './podman.js';

/**
 * A label on every pod of a local run naming the process that played it. A run killed before its
 * teardown (SIGKILL, a test runner's timeout) leaves its pods running on the pattern's fixed ports;
 * the next run finds them by this label, sees their owner is gone, and removes them.
 */
export const OWNER_LABEL = 'io.journey.owner-pid';

/** The objects with this process named as the owner of their pods (template labels only, not selectors). */
export function ownedByThisProcess(objects: readonly KubernetesObject[]): KubernetesObject[] {
  return objects.map((object) => {
    if (object.kind !== 'Deployment') return object;
    const copy = structuredClone(object);
    const template = (copy.spec as { template: { metadata?: { labels?: Record<string, string> } } }).template;
    template.metadata = {
      ...template.metadata,
      labels: { ...template.metadata?.labels, [OWNER_LABEL]: String(process.pid) },
    };
    return copy;
  });
}

interface OwnedPod {
  Id: string;
  Name: string;
  Labels?: Record<string, string>;
}

const ownedPods = async (podman: Podman): Promise<OwnedPod[]> =>
  JSON.parse(
    (await podman.run(['pod', 'ps', '--filter', `label=${OWNER_LABEL}`, '--format', 'json'])) || '[]',
  ) as OwnedPod[];

/**
 * The ids of the pods this process played for `slug`, whatever `podman kube play` reported: a play
 * that failed half-way has made some and reported none.
 */
export async function podsPlayedHere(podman: Podman, slug: string): Promise<string[]> {
  return (await ownedPods(podman))
    .filter(
      (pod) =>
        pod.Labels?.[OWNER_LABEL] === String(process.pid) &&
        pod.Labels?.['app.kubernetes.io/part-of'] === `journey-${slug}`,
    )
    .map((pod) => pod.Id);
}

/** Removes the pods of local runs whose owner process has ended; answers their names. */
export async function removeOrphanedPods(podman: Podman): Promise<string[]> {
  const orphans = (await ownedPods(podman)).filter(
    (pod) => !processExists(Number(pod.Labels?.[OWNER_LABEL])),
  );
  for (const pod of orphans) await podman.run(['pod', 'rm', '--force', pod.Id]);
  return orphans.map((pod) => pod.Name);
}
