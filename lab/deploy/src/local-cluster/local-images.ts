import type { Topology } from '@journey/topology';
import { ensureAppImage } from './app-image.js';
import { ensureNodeBaseImage } from './node-base-image.js';
import type { Podman } from './podman.js';
import { buildProcessImages, removeStaleImages } from './process-images.js';

/** What an image step did: built (and how long it took) or found and reused. */
export interface ImageEvent {
  kind: 'image';
  image: string;
  built: boolean;
  ms: number;
  /** Its size as podman reports it (`588 MB`). */
  size: string;
}

/** Older lab images removed after a rebuild (deleting an old app image's layers takes a while). */
export interface StaleImagesEvent {
  kind: 'images-removed';
  removed: number;
  ms: number;
  /** Why none was removed, when the listing failed. */
  problem?: string;
}

/**
 * The images the local overlay runs, made here with no registry: the base (this machine's Node),
 * the app (the checkout, reused while the code and node_modules are unchanged), then one small image
 * per process. Older lab images are removed afterwards.
 */
export async function prepareLocalImages(
  podman: Podman,
  topology: Topology,
  repoRoot: string,
  onEvent: (event: ImageEvent | StaleImagesEvent) => void = () => {},
): Promise<void> {
  const report = async (step: { image: string; built: boolean; ms: number }) =>
    onEvent({ kind: 'image', ...step, size: await imageSize(podman, step.image) });
  const base = await ensureNodeBaseImage(podman);
  await report(base);
  const app = await ensureAppImage(podman, repoRoot, base.image);
  await report(app);
  for (const image of await buildProcessImages(podman, topology, app.image)) await report(image);
  const started = Date.now();
  // Tidying only: a listing that fails (podman lists an image another client is removing as "image
  // not known") must not stop the run.
  try {
    const removed = await removeStaleImages(podman, app.source);
    if (removed > 0) onEvent({ kind: 'images-removed', removed, ms: Date.now() - started });
  } catch (error) {
    onEvent({
      kind: 'images-removed',
      removed: 0,
      ms: Date.now() - started,
      problem: (error as Error).message,
    });
  }
}

/** The image's size in MB, as `podman images` rounds it; asked of that image alone. */
async function imageSize(podman: Podman, image: string): Promise<string> {
  const bytes = Number((await podman.run(['image', 'inspect', '--format', '{{.Size}}', image])).trim());
  return `${Math.round(bytes / 1e6)} MB`;
}
