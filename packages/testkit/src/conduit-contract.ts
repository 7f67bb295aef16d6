import { randomBytes } from 'node:crypto';
import { runBadInput, runConcurrency, runConformance, runOfficialSuite } from '@journey/conformance';
import { createLogger, type Logger } from '@journey/platform';
import { type DatabaseChoice, provisionDatabase } from '@journey/provisioning';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgres } from './services.js';

/** What a single-process pattern exports as `buildApp`: build without listening, close when done. */
export type BuildConduit = (options: { databaseUrl: string; jwtSecret: string; logger: Logger }) => Promise<{
  app: { listen(options: { port: number; host: string }): Promise<string> };
  close(): Promise<void>;
}>;

/** A storage the lab provisions fresh, or one a pattern names by URL alone (e.g. `memory:`). */
export type ContractTarget = DatabaseChoice | { name: string; url: string };

const targetName = (target: ContractTarget) => (typeof target === 'string' ? target : target.name);

/** A pattern's app inside the test process, on a fresh database, on a free port (practica style). */
export async function startInProcess(pattern: string, target: ContractTarget, build: BuildConduit) {
  const database =
    typeof target === 'string'
      ? await provisionDatabase(pattern, 'test', target, { fresh: true })
      : { url: target.url, dispose: async () => {} };
  const { app, close } = await build({
    databaseUrl: database.url,
    // A throw-away server signs with a secret of its own, as a fresh run of the lab does.
    jwtSecret: randomBytes(32).toString('hex'),
    logger: createLogger(`${pattern}-test`, 'warn'),
  });
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    baseUrl,
    async stop() {
      await close();
      await database.dispose();
    },
  };
}

/** A Conduit the suites can reach, however it was started. */
export interface StartedConduit {
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * One contract, every pattern, both databases: our conformance suite, the official Postman suite,
 * generated bad input and concurrent writers, against a fresh in-process build. Only DATABASE_URL
 * differs between the runs; `extraTargets` adds storages of the pattern's own (hexagonal's memory).
 */
export async function describeConduitContract(
  pattern: string,
  build: BuildConduit,
  extraTargets: ContractTarget[] = [],
): Promise<void> {
  const pg = await postgres();
  for (const target of ['sqlite', 'postgres', ...extraTargets] as ContractTarget[]) {
    const skip = target === 'postgres' && !pg.available;
    describeConduitSuites(`${pattern} on ${targetName(target)}${skip ? ` (${pg.reason})` : ''}`, skip, () =>
      startInProcess(pattern, target, build),
    );
  }
}

/**
 * The four suites (conformance, the official Postman suite, bad input, concurrent writers) against a
 * Conduit `start` brings up once for them all; skipped, with the reason in `title`, when `skip`.
 * Whoever can start a Conduit some other way (the lab starting a whole topology) reuses them.
 */
export function describeConduitSuites(
  title: string,
  skip: boolean,
  start: () => Promise<StartedConduit>,
  timeoutMs?: number,
) {
  describe.skipIf(skip)(title, () => {
    let server: StartedConduit | undefined;
    const baseUrl = () => server!.baseUrl;
    beforeAll(async () => {
      server = await start();
    }, timeoutMs);
    afterAll(() => server?.stop());

    it(
      'when the conformance suite runs, then every check passes',
      async () => {
        const results = await runConformance({ baseUrl: baseUrl() });
        expect(results.length).toBeGreaterThan(50);
        expect(results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.error}`)).toEqual([]);
      },
      timeoutMs,
    );

    it(
      'when the official Postman suite runs, then no assertion fails and no script errors',
      async () => {
        const official = await runOfficialSuite({ baseUrl: baseUrl() });
        expect(official.failures).toEqual([]);
        expect(official.scriptErrors).toBe(0);
        expect(official.failedAssertions).toBe(0);
        expect(official.assertions).toBeGreaterThan(300);
      },
      timeoutMs,
    );

    it(
      'when 300 generated malformed requests arrive, then none gets a 5xx or hangs and stored data is unchanged',
      async () => {
        const report = await runBadInput({ baseUrl: baseUrl(), runs: 300 });
        expect(report.requests).toBeGreaterThanOrEqual(300);
        expect(report.failures.map((f) => `${f.request} → ${f.status}: ${f.reason}`)).toEqual([]);
      },
      timeoutMs,
    );

    it(
      'when users favorite, register, follow, publish, comment and delete at once, then nothing is lost, duplicated or failed',
      async () => {
        const report = await runConcurrency({ baseUrl: baseUrl() });
        const failed = report.scenarios.filter((s) => !s.pass);
        expect(
          failed.map((s) => ({
            name: s.name,
            error: s.error,
            checks: s.checks.filter((c) => !c.pass),
            notes: s.notes,
          })),
        ).toEqual([]);
      },
      timeoutMs,
    );
  });
}
