import type { AddressInfo } from 'node:net';
import { env, readJwtSecret, runService } from '@journey/platform';
import { flushNodeRequestSpans } from '@journey/telemetry';
import { eventsNamespace } from '../../core/event-catalogue.js';
import { migrateConduitDatabase } from '../../core/migrate.js';
import { conduitFunctions, eventFunctions } from '../../functions/index.js';
import { startAwsRuntime } from './aws-runtime.js';
import { callLatencies } from './call-latency.js';
import { checkDatabase } from './database-check.js';
import { startEventDelivery } from './event-delivery.js';
import { functionFleet, type InstanceLifetime } from './fleet.js';
import { functionsReport } from './functions-report.js';
import { createGateway, TRACED_SERVICE } from './gateway.js';
import { startGcfRuntime } from './gcf-runtime.js';
import { instanceCap } from './instance-cap.js';
import { observeLines } from './observe-lines.js';
import type { PlatformRuntime, RuntimeEnvironment, RuntimeStartOptions } from './platform-runtime.js';
import { runtimeMetrics } from './runtime-metrics.js';

/**
 * How long an idle Lambda instance lives locally before serverless-offline stops it. Lambda keeps one
 * for minutes, at no promise; a minute lets a learner see instances come and go in `journey ps`.
 */
const IDLE_SECONDS = 60;

/** Each platform's local runtime, and how long an instance of it lives once the fleet has seen it. */
const PLATFORM_RUNTIMES: Record<
  'aws' | 'gcf',
  { lifetime: InstanceLifetime; start(options: RuntimeStartOptions): Promise<PlatformRuntime> }
> = {
  aws: {
    lifetime: { kind: 'idle', idleMs: IDLE_SECONDS * 1000 },
    start: (options) => startAwsRuntime({ ...options, idleSeconds: IDLE_SECONDS }),
  },
  gcf: { lifetime: { kind: 'process' }, start: startGcfRuntime },
};
const PLATFORMS = Object.keys(PLATFORM_RUNTIMES) as (keyof typeof PLATFORM_RUNTIMES)[];
type Platform = (typeof PLATFORMS)[number];

function platformOf(value: string): Platform {
  if ((PLATFORMS as string[]).includes(value)) return value as Platform;
  throw new Error(`SERVERLESS_PLATFORM must be one of ${PLATFORMS.join(', ')}; got "${value}"`);
}

function readSettings() {
  const single = env.string('SERVERLESS_SINGLE') === 'true';
  const databaseUrl = env.string('DATABASE_URL');
  if (databaseUrl === undefined)
    throw new Error('DATABASE_URL is not set: postgres://… (or a SQLite file with --single)');
  return {
    port: env.integer('PORT', 3000, { max: 65_535 }),
    host: env.string('HOST', '127.0.0.1')!,
    databaseUrl,
    brokerUrl: env.string('BROKER_URL'),
    platform: platformOf(env.string('SERVERLESS_PLATFORM', 'aws')!),
    single,
    /** Instances per function at once (0: no cap); 1 with --single. */
    maxInstances: env.integer('SERVERLESS_MAX_INSTANCES', single ? 1 : 5, { max: 1_000 }),
    poolMax: env.string('DATABASE_POOL_MAX'),
  };
}
type Settings = ReturnType<typeof readSettings>;

function functionEnvironment(settings: Settings): RuntimeEnvironment {
  return {
    DATABASE_URL: settings.databaseUrl,
    // Read here once, so every instance of every function signs with the same secret.
    JWT_SECRET: readJwtSecret().jwtSecret,
    LOG_LEVEL: env.string('LOG_LEVEL', 'info')!,
    ...(settings.poolMax !== undefined ? { DATABASE_POOL_MAX: settings.poolMax } : {}),
    ...(settings.brokerUrl !== undefined ? { BROKER_URL: settings.brokerUrl } : {}),
    ...(env.string('BROKER_NAMESPACE') !== undefined
      ? { BROKER_NAMESPACE: env.string('BROKER_NAMESPACE') }
      : {}),
  };
}

/**
 * The serverless pattern, locally: the chosen cloud's local runtime (AWS: serverless-offline; GCF:
 * the Functions Framework) behind one gateway on PORT that routes by the function map, caps each
 * function's instances with a queue, and reports the functions (`/functions`, `/metrics`), measured
 * from their invocation lines. It migrates the database first, as a deploy step would.
 */
/** How long a stop waits for the calls in flight: inside the lab's 10 s between SIGTERM and SIGKILL. */
const IN_FLIGHT_GRACE_MS = 5_000;

runService('serverless runtime', {
  settings: readSettings,
  describe: ({ platform, single, maxInstances }) => ({ platform, single, maxInstances }),
  build: async (log, settings) => {
    await checkDatabase(settings.databaseUrl, settings.single);
    log.info({ database: await migrateConduitDatabase(settings.databaseUrl) }, 'database migrated');

    const hosted = [
      ...conduitFunctions.map(({ name }) => ({ name, trigger: 'http' })),
      ...eventFunctions.map(({ name, trigger }) => ({ name, trigger })),
    ];
    // The gateway caps the HTTP functions; an event function gets one event at a time from its group.
    const caps = new Map(conduitFunctions.map(({ name }) => [name, instanceCap(settings.maxInstances)]));
    const platform = PLATFORM_RUNTIMES[settings.platform];
    const fleet = functionFleet(hosted, platform.lifetime);
    const metrics = runtimeMetrics(fleet, caps);
    const latencies = callLatencies((invocation, latencyMs) => {
      fleet.recordLatency(invocation, latencyMs);
      metrics.observeLatency(invocation, latencyMs);
    });
    const runtime = await platform.start({
      environment: functionEnvironment(settings),
      onLine: observeLines((invocation) => {
        fleet.record(invocation);
        metrics.observe(invocation);
        latencies.invoked(invocation);
      }),
    });
    // The event source a cloud wires to each event function, played on the topology's broker.
    const delivery =
      settings.brokerUrl === undefined
        ? undefined
        : await startEventDelivery({
            brokerUrl: settings.brokerUrl,
            namespace: eventsNamespace(),
            functions: eventFunctions,
            invoke: runtime.invokeEvent,
            logger: log,
          }).catch(async (error: unknown) => {
            await runtime.stop();
            throw error;
          });
    const gateway = createGateway({
      targets: runtime.targets,
      caps,
      metrics: metrics.text,
      onAnswered: latencies.answered,
      onServed: metrics.served,
      functions: (requestsPerMonth) =>
        functionsReport({
          runtime: runtime.description,
          units: fleet.units(),
          meanWarmMs: fleet.meanWarmMs(),
          memoryMb: runtime.memoryMb,
          requestsPerMonth,
        }),
    });
    log.info(
      {
        platform: settings.platform,
        runtime: runtime.description,
        functions: hosted.map(({ name }) => name),
        processes: runtime.processes,
        maxInstances: settings.maxInstances,
      },
      'functions started',
    );
    let closing = false;
    // The lab signals the whole process group at once, so a function's own process may exit on the
    // same SIGTERM before close() runs: that is the stop under way, not a crash.
    for (const signal of ['SIGTERM', 'SIGINT'] as const)
      process.once(signal, () => {
        closing = true;
      });
    // A platform process that dies on its own would leave the gateway answering 502 while /health
    // says all is well: the whole runtime ends instead, so the lab's supervisor sees it down.
    void runtime.exited.then(async (how) => {
      if (closing) return;
      log.fatal({ exit: how }, 'a platform process died on its own: stopping the runtime');
      await delivery?.stop().catch(() => {});
      await runtime.stop();
      process.exit(1);
    });
    return {
      app: {
        listen: ({ port, host }) =>
          new Promise<string>((resolve, reject) => {
            gateway.once('error', reject);
            gateway.listen(port, host, () => {
              const { address, port: bound } = gateway.address() as AddressInfo;
              resolve(`http://${address}:${bound}`);
            });
          }),
      },
      close: async () => {
        closing = true;
        // Calls in flight finish (a write that commits now is answered as saved); idle keep-alive
        // connections go at once, and whatever still hangs after the grace is cut.
        await new Promise<void>((resolve) => {
          gateway.close(() => resolve());
          gateway.closeIdleConnections();
          setTimeout(() => gateway.closeAllConnections(), IN_FLIGHT_GRACE_MS).unref();
        });
        await delivery?.stop();
        await runtime.stop();
        await flushNodeRequestSpans(TRACED_SERVICE);
      },
    };
  },
});
