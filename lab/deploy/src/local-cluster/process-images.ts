import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Topology } from '@journey/topology';
import { localImage } from '../images.js';
import { LAB_IMAGE_LABEL, SOURCE_LABEL } from './app-image.js';
import type { BuiltImage } from './node-base-image.js';
import type { Podman } from './podman.js';

/**
 * One image per process, tagged as the local overlay names it (`localhost/journey/<pattern>-<process>:dev`):
 * the app image plus the process's command, the layer the generated Dockerfile's last stage adds.
 * Each takes a fraction of a second, so they are always rebuilt on the current app image.
 */
export async function buildProcessImages(
  podman: Podman,
  topology: Topology,
  appImage: string,
): Promise<BuiltImage[]> {
  const context = mkdtempSync(join(tmpdir(), 'journey-process-images-'));
  try {
    const images: BuiltImage[] = [];
    for (const process of topology.processes) {
      const image = localImage(topology.id, process.name);
      const file = join(context, `${process.name}.Containerfile`);
      writeFileSync(
        file,
        `FROM ${appImage}
LABEL ${LAB_IMAGE_LABEL}=process io.journey.pattern=${topology.id} io.journey.process=${process.name}
CMD ${JSON.stringify(process.command)}
`,
      );
      const started = Date.now();
      await podman.run(['build', '--runtime', 'runc', '--file', file, '--tag', image, context]);
      images.push({ image, built: true, ms: Date.now() - started });
    }
    return images;
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
}

/**
 * Removes the lab's images built on another app image than `source` (older code), and the untagged
 * ones a rebuild left behind: found by the lab's label, so nothing else on the machine is touched.
 * An image a container still uses is left; the base image (no source) is kept.
 */
export async function removeStaleImages(podman: Podman, source: string): Promise<number> {
  const listing = await podman.run([
    'images',
    '--filter',
    `label=${LAB_IMAGE_LABEL}`,
    '--format',
    `{{.ID}} {{.Repository}}:{{.Tag}} {{index .Labels "${SOURCE_LABEL}"}}`,
  ]);
  const stale = new Set<string>();
  for (const line of listing.split('\n').filter(Boolean)) {
    const [id, name, imageSource = ''] = line.split(' ') as [string, string, string?];
    if (name === '<none>:<none>' || (imageSource !== '' && imageSource !== source)) stale.add(id);
  }
  let removed = 0;
  // podman lists the newest first, so process images go before the app image they were built on,
  // which podman refuses to remove while they exist.
  for (const id of stale) if (await podman.succeeds(['rmi', id])) removed++;
  return removed;
}
