import { runBadInput, runConcurrency, runConformance, runOfficialSuite } from '@journey/conformance';
import { postgres } from '@journey/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHexagonal } from './support/start-hexagonal.js';

const pg = await postgres();

// One contract, every storage adapter: the same black-box suites, only the composition root's choice differs.
// The in-memory adapter runs them too: it must hold the same guarantees under concurrent requests.
for (const storage of ['sqlite', 'postgres', 'memory'] as const) {
  const skip = storage === 'postgres' && !pg.available;
  describe.skipIf(skip)(`hexagonal on ${storage}${skip ? ` (${pg.reason})` : ''}`, () => {
    let server: Awaited<ReturnType<typeof startHexagonal>>;
    beforeAll(async () => {
      server = await startHexagonal(storage);
    });
    afterAll(() => server?.stop());

    it('when the conformance suite runs, then every check passes', async () => {
      const results = await runConformance({ baseUrl: server.baseUrl });
      expect(results.length).toBeGreaterThan(50);
      expect(results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.error}`)).toEqual([]);
    });

    it('when the official Postman suite runs, then no assertion fails and no script errors', async () => {
      const official = await runOfficialSuite({ baseUrl: server.baseUrl });
      expect(official.failures).toEqual([]);
      expect(official.scriptErrors).toBe(0);
      expect(official.failedAssertions).toBe(0);
      expect(official.assertions).toBeGreaterThan(300);
    });

    it('when 300 generated malformed requests arrive, then none gets a 5xx or hangs and stored data is unchanged', async () => {
      const report = await runBadInput({ baseUrl: server.baseUrl, runs: 300 });
      expect(report.requests).toBeGreaterThanOrEqual(300);
      expect(report.failures.map((f) => `${f.request} → ${f.status}: ${f.reason}`)).toEqual([]);
    });

    it('when users favorite, register, follow, publish and comment at once, then nothing is lost or duplicated', async () => {
      const report = await runConcurrency({ baseUrl: server.baseUrl });
      const failed = report.scenarios.filter((s) => !s.pass);
      expect(
        failed.map((s) => ({
          name: s.name,
          error: s.error,
          checks: s.checks.filter((c) => !c.pass),
          notes: s.notes,
        })),
      ).toEqual([]);
    });
  });
}
