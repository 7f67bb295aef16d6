import {
  type BadInputFailure,
  runBadInput,
  runConcurrency,
  runConformance,
  runOfficialSuite,
} from '@journey/conformance';
import { type BuildConduit, postgres, type StartedConduit, startInProcess } from '@journey/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateConduitDatabase } from '../../core/migrate.js';
import type { OfflineGateway } from '../../platforms/aws/offline.js';
import { startOfflineOnFreePorts } from './offline-support.js';

/** A `%` not followed by two hex digits. */
const MALFORMED_ESCAPE = /%(?![0-9A-Fa-f]{2})/;

/**
 * Known gaps of the local runtime, not of the functions (issue 15), each a failure the bad-input suite
 * may report without failing the test.
 */
const localRuntimeGaps: ((failure: BadInputFailure) => boolean)[] = [
  // serverless-offline's HTTP server (hapi) refuses a path with a malformed percent-escape, such as
  // /api/articles/%, with its own 400 {"error":"Bad Request"} before any route sees it.
  (failure) =>
    failure.status === 400 &&
    failure.body.includes('"error":"Bad Request"') &&
    MALFORMED_ESCAPE.test(failure.request.split(' ')[1] ?? ''),
];

/**
 * The functions as serverless-offline serves them behind serverless.yml's HTTP API, on a fresh database
 * migrated first as the deploy step does. Timeouts are off: a burst of cold starts shares this machine's
 * cores, where on Lambda each instance would have its own. Each instance holds one connection and is
 * stopped after a second idle, so the instances of a burst give their connections back soon: the
 * machine's PostgreSQL serves other test files at the same time.
 */
const offlineConduit: BuildConduit = async ({ databaseUrl, jwtSecret }) => {
  await migrateConduitDatabase(databaseUrl);
  let gateway: OfflineGateway | undefined;
  return {
    app: {
      // serverless-offline needs a port for its Lambda Invoke API too, so it takes two free ports of its own.
      async listen() {
        gateway = await startOfflineOnFreePorts(
          { DATABASE_URL: databaseUrl, JWT_SECRET: jwtSecret, DATABASE_POOL_MAX: '1', LOG_LEVEL: 'warn' },
          { noTimeout: true, idleSeconds: 1 },
        );
        return gateway.baseUrl;
      },
    },
    close: async () => {
      await gateway?.stop();
    },
  };
};

const pg = await postgres();
for (const target of ['sqlite', 'postgres'] as const) {
  const skip = target === 'postgres' && !pg.available;
  describe.skipIf(skip)(
    `Conduit through serverless-offline on ${target}${skip ? ` (${pg.reason})` : ''}`,
    () => {
      let server: StartedConduit | undefined;
      const baseUrl = () => (server as StartedConduit).baseUrl;
      beforeAll(async () => {
        server = await startInProcess('serverless-aws', target, offlineConduit);
      });
      afterAll(() => server?.stop());

      it('when the conformance suite runs, then every check passes', async () => {
        const results = await runConformance({ baseUrl: baseUrl() });
        expect(results.length).toBeGreaterThan(50);
        expect(results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.error}`)).toEqual([]);
      });

      it('when the official Postman suite runs, then no assertion fails and no script errors', async () => {
        const official = await runOfficialSuite({ baseUrl: baseUrl() });
        expect(official.failures).toEqual([]);
        expect(official.scriptErrors).toBe(0);
        expect(official.failedAssertions).toBe(0);
        expect(official.assertions).toBeGreaterThan(300);
      });

      it('when 300 generated malformed requests arrive, then none gets a 5xx or hangs, the known local gaps aside', async () => {
        const report = await runBadInput({ baseUrl: baseUrl(), runs: 300 });
        expect(report.requests).toBeGreaterThanOrEqual(300);
        const unexplained = report.failures.filter(
          (failure) => !localRuntimeGaps.some((isGap) => isGap(failure)),
        );
        expect(unexplained.map((f) => `${f.request} → ${f.status}: ${f.reason}`)).toEqual([]);
      });

      // Known gap (issue 15): every concurrent request gets an instance of its own, each with its own
      // connection, so this suite's bursts reach PostgreSQL's connection limit ("sorry, too many clients
      // already") and some writes answer 500. That is the connection-exhaustion experiment's subject; the
      // suite runs on PostgreSQL again once the pattern has its fix (a pooler or capped concurrency).
      it.skipIf(target === 'postgres')(
        `when users favorite, register, follow, publish, comment and delete at once, then nothing is lost, duplicated or failed${target === 'postgres' ? ' (skipped on PostgreSQL: connection limit, issue 15)' : ''}`,
        async () => {
          const report = await runConcurrency({ baseUrl: baseUrl() });
          const failed = report.scenarios.filter((s) => !s.pass);
          expect(
            failed.map((s) => ({ name: s.name, error: s.error, checks: s.checks.filter((c) => !c.pass) })),
          ).toEqual([]);
        },
      );
    },
  );
}
