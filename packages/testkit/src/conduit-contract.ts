import { DEFAULT_NATS_URL, DEFAULT_RABBITMQ_URL } from '@journey/broker';
import { runBadInput, runConcurrency, runConformance, runOfficialSuite } from '@journey/conformance';
import {
  type BrokerChoice,
  DATABASE_CHOICES,
  type DatabaseChoice,
  loadTopology,
  type PatternSlug,
  provisionDatabase,
  startTopology,
} from '@journey/orchestrator';
import { createLogger, type Logger } from '@journey/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nats, postgres, rabbitmq, type ServiceAvailability } from './services.js';

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
    jwtSecret: 'test-secret-that-is-long-enough-for-hs256',
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
interface StartedConduit {
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
    describeSuites(`${pattern} on ${targetName(target)}${skip ? ` (${pg.reason})` : ''}`, skip, () =>
      startInProcess(pattern, target, build),
    );
  }
}

export interface TopologyContractOptions {
  /**
   * For a pattern with a broker: the suites run on SQLite once per broker, and on PostgreSQL with the
   * first one (the database and the broker vary independently, so every pair would add time, not coverage).
   */
  brokers?: readonly BrokerChoice[];
}

/** One way to run a topology: a database, and a broker when the pattern has one. */
interface TopologyTarget {
  db: DatabaseChoice;
  broker?: BrokerChoice;
}

const brokerServers: Record<BrokerChoice, () => Promise<ServiceAvailability>> = {
  embedded: async () => ({ available: true, reason: '' }),
  rabbitmq: () => rabbitmq(DEFAULT_RABBITMQ_URL),
  nats: () => nats(DEFAULT_NATS_URL),
};

/**
 * The same suites for a pattern of several processes: its whole topology started by the lab, as
 * `journey test` does, on fresh databases (and a fresh broker namespace), and the suites aimed at its
 * public process.
 */
export async function describeTopologyContract(
  pattern: PatternSlug,
  options: TopologyContractOptions = {},
): Promise<void> {
  const { brokers = [] } = options;
  const targets: TopologyTarget[] =
    brokers.length === 0
      ? DATABASE_CHOICES.map((db) => ({ db }))
      : [
          ...brokers.map((broker) => ({ db: 'sqlite' as const, broker })),
          { db: 'postgres', broker: brokers[0] },
        ];
  for (const target of targets) {
    const needs = await Promise.all([
      target.db === 'postgres' ? postgres() : { available: true, reason: '' },
      target.broker ? brokerServers[target.broker]() : { available: true, reason: '' },
    ]);
    const missing = needs.find((need) => !need.available);
    const on = target.broker ? `${target.db} with the ${target.broker} broker` : target.db;
    describeSuites(
      `${pattern} topology on ${on}${missing ? ` (${missing.reason})` : ''}`,
      missing !== undefined,
      async () => {
        const running = await startTopology(await loadTopology(pattern), {
          db: target.db,
          broker: target.broker,
          fresh: true,
          // Only warnings and errors: a failing suite then shows what the processes complained about.
          log: (name, line) => {
            if (/"level":(40|50|60)/.test(line)) console.error(`[${name}] ${line}`);
          },
        });
        return { baseUrl: running.url, stop: () => running.stop() };
      },
      TOPOLOGY_SUITE_TIMEOUT_MS,
    );
  }
}

/**
 * Through a topology every request crosses several processes on the same few cores, and every suite
 * registers users (scrypt): on a busy 2-core machine the conformance suite alone can pass two minutes.
 * Not a performance budget — only a bound so a stuck run still ends.
 */
const TOPOLOGY_SUITE_TIMEOUT_MS = 600_000;

function describeSuites(
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
