import { execFileSync } from 'node:child_process';
import { runOfficialSuite } from '@journey/conformance';
import type { PatternSlug } from '@journey/orchestrator/runtime';
import { installedProgram, postgres } from '@journey/testkit';
import { describe, expect, it } from 'vitest';
import type { DeployDatabase } from '../src/index.js';
import { describePlayEvent, playLocally } from '../src/local-cluster/index.js';

// Absent podman or runc skips the file here and fails it under CI (.ci/run installs both).
const tools = [
  await installedProgram('podman', 'podman', 'Debian package podman: apt-get install podman'),
  await installedProgram('runc', 'runc', 'Debian package runc: apt-get install runc'),
];
const missingTool = tools.find((tool) => !tool.available);
const postgresServer = await postgres();

/** What a podman listing shows now, as names (read-only, so the machine's default settings do). */
const podmanNames = (...args: string[]) =>
  execFileSync('podman', [...args, '--format', '{{.Name}}'], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);

const podIds = () =>
  execFileSync('podman', ['pod', 'ps', '--no-trunc', '--format', '{{.ID}}'], { encoding: 'utf8' });

/**
 * The monolith, and microservices as the multi-service pattern: each generated `local` overlay played
 * with `podman kube play`, the official Postman suite against its public pod, then torn down. The
 * images are built by the first play and reused by the second (same code, same tag); building the
 * app image is most of the file's time.
 */
const RUNS: { slug: PatternSlug; database: DeployDatabase; skip?: string }[] = [
  { slug: 'monolith', database: 'sqlite' },
  {
    slug: 'microservices',
    database: 'postgres',
    ...(!postgresServer.available && { skip: postgresServer.reason }),
  },
];

describe.skipIf(missingTool)(
  `generated Kubernetes manifests run by podman kube play${missingTool ? ` (${missingTool.reason})` : ''}`,
  () => {
    for (const { slug, database, skip } of RUNS) {
      it.skipIf(skip)(
        `when the ${slug} manifest is played on ${database}, then the official suite passes against its pods and the teardown leaves no pod, secret or volume of it${skip ? ` (${skip})` : ''}`,
        async () => {
          const cluster = await playLocally(slug, {
            database,
            fresh: true,
            onEvent: (event) => console.error(`[${slug}] ${describePlayEvent(event)}`),
          });
          let suite: Awaited<ReturnType<typeof runOfficialSuite>>;
          try {
            // One pod per process, each there now, so their absence below says the teardown took them.
            expect(cluster.pods).toHaveLength(cluster.processes.length);
            for (const pod of cluster.pods) expect(podIds()).toContain(pod);
            suite = await runOfficialSuite({ baseUrl: cluster.url });
          } finally {
            await cluster.stop();
          }
          expect(suite.failures).toEqual([]);
          expect(suite.requestErrors).toBe(0);
          expect(suite.assertions).toBeGreaterThan(300);

          for (const pod of cluster.pods) expect(podIds()).not.toContain(pod);
          expect(podmanNames('secret', 'ls')).not.toContain(`${slug}-secrets`);
          expect(podmanNames('volume', 'ls')).not.toContain(`${slug}-data`);
          // podman made the pods' emptyDir a named volume; like an emptyDir, it goes with the pods.
          expect(podmanNames('volume', 'ls')).not.toContain(`${slug}-run`);
        },
        600_000,
      );
    }
  },
);
