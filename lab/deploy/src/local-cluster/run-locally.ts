import type { PatternSlug } from '@journey/orchestrator/runtime';
import type { DeployDatabase } from '../deploy-options.js';
import { type LocalCluster, playLocally } from './play-locally.js';
import { describePlayEvent } from './play-progress.js';

/**
 * `journey deploy <pattern> --target kubernetes --run-local`: plays the pattern's local overlay with
 * podman on the lab's persistent databases (PostgreSQL's `journey_<lab id>_…`, or a SQLite volume
 * podman keeps between runs), prints where it serves, and keeps it up until Ctrl-C or SIGTERM, which
 * take every pod down again. Answers the exit code.
 */
export async function runLocally(
  slug: PatternSlug,
  options: { database: DeployDatabase; broker?: string },
): Promise<number> {
  const startUp = new AbortController();
  let cluster: LocalCluster | undefined;
  let requested: (reason: string) => void = () => {};
  const stopRequested = new Promise<string>((resolve) => {
    requested = resolve;
  });
  const stop = (reason: string) => {
    requested(reason);
    if (!cluster) startUp.abort(new Error(`${reason} while the pods were starting`));
  };
  const onInterrupt = () => stop('Ctrl-C');
  const onTerminate = () => stop('SIGTERM');
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onTerminate);
  try {
    try {
      cluster = await playLocally(slug, {
        ...options,
        fresh: false,
        signal: startUp.signal,
        onEvent: (event) => console.error(describePlayEvent(event)),
      });
    } catch (error) {
      if (!startUp.signal.aborted) throw error;
      console.error(`✓ ${(startUp.signal.reason as Error).message}: stopped, nothing left running`);
      return 0;
    }
    console.error(
      `\n${slug} is serving the Conduit API from podman pods at ${cluster.url}/api  (Ctrl-C to stop; ` +
        `podman pod ps, podman logs -f <container> from another terminal)`,
    );
    console.error(`• this machine's Node in the images, not node:20-bookworm-slim: no registry answers here`);
    // The pods run under podman's conmon, not as children of this process: without a timer nothing
    // would hold Node's event loop and the command would end, leaving them behind.
    const holdOpen = setInterval(() => {}, 60_000);
    const reason = await stopRequested.finally(() => clearInterval(holdOpen));
    console.error(`\n• ${reason}: podman kube down…`);
    await cluster.stop();
    console.error('✓ stopped, nothing left running');
    for (const volume of cluster.volumes)
      console.error(
        `• kept the volume ${volume} for the next run (podman volume rm ${volume} removes its data)`,
      );
    return 0;
  } finally {
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onTerminate);
  }
}
