import { setTimeout as sleep } from 'node:timers/promises';
import type { Supervisor } from '@journey/orchestrator/runtime';

const IDLE_MS = 3_000;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/**
 * What start-up cost, printed once the topology serves: time to the first answer of the API, counted
 * from this process's own start (the CLI's loading included, as a learner waits for it), and the
 * processes' resident memory after a few idle seconds. `journey bench --startup` measures the same
 * repeatably, beside baselines.
 */
export async function reportStartup(running: Supervisor): Promise<void> {
  const answered = await fetch(`${running.url}/api/tags`).then(
    (response) => response.ok,
    () => false,
  );
  if (answered)
    console.error(
      `✓ first answer after ${(performance.now() / 1000).toFixed(2)} s (GET /api/tags, since journey started)`,
    );
  const stoppedMeanwhile = await Promise.race([running.stopped.then(() => true), sleep(IDLE_MS, false)]);
  if (stoppedMeanwhile) return;
  const processes = (await running.status()).filter((p) => p.rssBytes > 0);
  const total = processes.reduce((sum, p) => sum + p.rssBytes, 0);
  console.error(
    `• idle memory: ${processes.map((p) => `${p.name} ${mib(p.rssBytes)}`).join(', ')}; total ${mib(total)} (journey ps for more)`,
  );
}
