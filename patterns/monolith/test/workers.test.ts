import { readlinkSync, realpathSync } from 'node:fs';
import { runConcurrency } from '@journey/conformance';
import { groupPids, loadTopology, type RunningTopology, startTopology } from '@journey/orchestrator';
import { postgres } from '@journey/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const pg = await postgres();

// --workers N: several processes share the port and the database. SQLite serialises writers
// through its file lock (BEGIN IMMEDIATE + busy_timeout); PostgreSQL through row locks and constraints.
for (const db of ['sqlite', 'postgres'] as const) {
  const skip = db === 'postgres' && !pg.available;
  describe.skipIf(skip)(`monolith with --workers 3 on ${db}${skip ? ` (${pg.reason})` : ''}`, () => {
    let running: RunningTopology;
    beforeAll(async () => {
      running = await startTopology(await loadTopology('monolith'), {
        db,
        workers: 3,
        fresh: true,
        log: () => {},
      });
    });
    afterAll(() => running?.stop());

    it('when started with three workers, then a primary and three workers run in its process group', () => {
      // Only the monolith's own processes, the Node ones: tsx may start an esbuild helper in the same
      // group, and the lab may run a compiled bundle rather than main.ts (@journey/runner).
      const node = realpathSync(process.execPath);
      const monolithPids = groupPids(running.processes[0]!.child.pid!).filter(
        (pid) => readlinkSync(`/proc/${pid}/exe`) === node,
      );
      expect(monolithPids).toHaveLength(4);
    });

    it('when concurrent writes land on different workers, then counts stay exact and no account is duplicated', async () => {
      const report = await runConcurrency({ baseUrl: running.url });
      expect(
        report.scenarios
          .filter((s) => !s.pass)
          .map((s) => ({ name: s.name, error: s.error, notes: s.notes })),
      ).toEqual([]);
    });
  });
}
