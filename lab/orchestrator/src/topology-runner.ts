import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BROKER_NAMESPACE_ENV,
  type BrokerChoice,
  type DatabaseChoice,
  DEFAULT_BROKER,
  type ProvisionedBroker,
  type ProvisionedDatabase,
  provisionBroker,
  provisionDatabase,
} from '@journey/provisioning';
import { processUrlEnv, startOrder, type Topology } from '@journey/topology';
import type { LogSink } from './managed-process.js';
import { freePort, isPortFree } from './ports.js';
import { runDirectory } from './run-state.js';
import { type PlannedProcess, type StartEvent, Supervisor } from './supervisor.js';

export type { StartEvent } from './supervisor.js';

/** The name the bench and the pattern tests know a started topology by. */
export type RunningTopology = Supervisor;

export interface StartOptions {
  db: DatabaseChoice;
  /** The broker of a topology that declares one (`--broker`); embedded unless told. */
  broker?: BrokerChoice;
  /** The RabbitMQ or NATS server to use instead of the lab's default (an experiment's cuttable proxy, say). */
  brokerServerUrl?: string;
  /** Port of the public process; internal ones get free ports. 0 or undefined picks a free one. */
  port?: number;
  /** Copies of the public process sharing its port, for topologies that declare `workersEnv`. */
  workers?: number;
  /** Throw-away databases (removed on stop) instead of the learner's persistent ones. */
  fresh: boolean;
  log?: LogSink;
  onEvent?: (event: StartEvent) => void;
  /** `JOURNEY_RUN_DIR` of every process; `$dataDir/run/<pattern>` unless told. */
  runDir?: string;
  /** Keep each process's lines under `<runDir>/logs/` (what `journey up` does for `journey logs`). */
  logFiles?: boolean;
  /** Time between SIGTERM and SIGKILL when stopping a process. */
  graceMs?: number;
  /** Aborts start-up (Ctrl-C while processes are still starting): what started is stopped. */
  signal?: AbortSignal;
}

/**
 * Provisions a topology's infrastructure, then starts its processes in dependency order, each healthy
 * before the next, and hands them to a supervisor that keeps them.
 */
export async function startTopology(topology: Topology, options: StartOptions): Promise<Supervisor> {
  if (options.port && !(await isPortFree(options.port))) {
    throw new Error(`port ${options.port} is already in use; choose another with --port`);
  }
  // A throw-away copy (tests, bench, experiments) keeps its spans apart from the learner's, and
  // takes them along when it stops.
  const scratch = options.fresh && !options.runDir;
  const runDir =
    options.runDir ??
    (scratch ? mkdtempSync(join(tmpdir(), `journey-${topology.id}-run-`)) : runDirectory(topology.id));
  // Processes write here (trace spans, a fresh run's event log); they should not each have to create it.
  mkdirSync(runDir, { recursive: true });
  const removeScratch = () => {
    if (scratch) rmSync(runDir, { recursive: true, force: true });
  };
  let infrastructure: Provisioned[];
  try {
    infrastructure = await provisionInfrastructure(topology, options, runDir);
  } catch (error) {
    removeScratch();
    throw error;
  }
  const databases = infrastructure.flatMap((i) => (i.kind === 'database' ? [i.provisioned] : []));
  const brokers = infrastructure.flatMap((i) => (i.kind === 'broker' ? [i.provisioned] : []));
  let supervisor: Supervisor;
  try {
    supervisor = new Supervisor({
      topology,
      plan: await plan(topology, options, infrastructure, runDir),
      databases,
      brokers,
      runDir,
      log: options.log,
      logFiles: options.logFiles,
      graceMs: options.graceMs,
    });
  } catch (error) {
    await disposeAll(infrastructure);
    removeScratch();
    throw error;
  }
  void supervisor.stopped.then(removeScratch);
  await supervisor.start(options.onEvent, options.signal);
  return supervisor;
}

/** One provisioned piece of infrastructure and the environment it hands the processes that use it. */
type Provisioned = { name: string; env: Record<string, string> } & (
  | { kind: 'database'; provisioned: ProvisionedDatabase }
  | { kind: 'broker'; provisioned: ProvisionedBroker }
);

const disposeAll = async (infrastructure: Provisioned[]) => {
  for (const piece of infrastructure) await piece.provisioned.dispose();
};

async function provisionInfrastructure(
  topology: Topology,
  options: StartOptions,
  runDir: string,
): Promise<Provisioned[]> {
  const provisioned: Provisioned[] = [];
  try {
    for (const infra of topology.infrastructure) {
      if (infra.kind === 'database') {
        const db = await provisionDatabase(topology.id, infra.name, options.db, { fresh: options.fresh });
        provisioned.push({
          name: infra.name,
          kind: 'database',
          provisioned: db,
          env: { [infra.urlEnv]: db.url },
        });
      } else {
        const broker = await provisionBroker(topology.id, infra.name, options.broker ?? DEFAULT_BROKER, {
          fresh: options.fresh,
          runDir,
          groups: infra.groups,
          serverUrl: options.brokerServerUrl,
        });
        provisioned.push({
          name: infra.name,
          kind: 'broker',
          provisioned: broker,
          env: { [infra.urlEnv]: broker.url, [BROKER_NAMESPACE_ENV]: broker.namespace },
        });
      }
      options.onEvent?.({
        kind: 'provisioned',
        name: infra.name,
        describe: provisioned.at(-1)!.provisioned.describe,
      });
    }
  } catch (error) {
    await disposeAll(provisioned);
    throw error;
  }
  return provisioned;
}

/** Ports and environment of every process, decided before any starts so each knows where its peers listen. */
async function plan(
  topology: Topology,
  options: StartOptions,
  infrastructure: Provisioned[],
  runDir: string,
): Promise<PlannedProcess[]> {
  const ordered = startOrder(topology);
  const ports = new Map<string, number>();
  for (const spec of ordered) {
    ports.set(spec.name, spec.public && options.port ? options.port : await freePort());
  }
  // Fresh runs get their own secret; persistent ones keep the pattern's dev default so tokens survive restarts.
  const secret: Record<string, string> = options.fresh ? { JWT_SECRET: randomBytes(32).toString('hex') } : {};
  return ordered.map((spec) => {
    const env: Record<string, string> = { ...secret, JOURNEY_RUN_DIR: runDir };
    for (const piece of infrastructure) if (spec.uses?.includes(piece.name)) Object.assign(env, piece.env);
    for (const edge of topology.edges) {
      const port = ports.get(edge.to);
      if (edge.from === spec.name && edge.protocol === 'http' && port !== undefined)
        env[processUrlEnv(edge.to)] = `http://127.0.0.1:${port}`;
    }
    if (spec.workersEnv && options.workers) env[spec.workersEnv] = String(options.workers);
    return { spec, port: ports.get(spec.name)!, env };
  });
}
