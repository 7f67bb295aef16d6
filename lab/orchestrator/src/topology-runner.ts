import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, isPortFree, readJwtSecret } from '@journey/platform';
import {
  type BrokerChoice,
  choiceFor,
  type DatabaseChoice,
  infrastructureKind,
  type Provisioned,
  validateInfrastructure,
} from '@journey/provisioning';
import { isRequestResponse, processUrlEnv, startOrder, type Topology } from '@journey/topology';
import type { LogSink } from './managed-process.js';
import { runDirectory } from './run-state.js';
import { type PlannedProcess, type StartEvent, Supervisor } from './supervisor.js';
import { type ResolvedTopologyOptions, resolveTopologyOptions } from './topology-options.js';

export type { StartEvent } from './supervisor.js';

/** The name the bench and the pattern tests know a started topology by. */
export type RunningTopology = Supervisor;

export interface StartOptions {
  /**
   * Per infrastructure kind, which implementation runs it: `{ database: 'postgres', broker: 'nats' }`.
   * A kind left out gets its default; `db` and `broker` below are the same for the two first kinds.
   */
  choices?: Readonly<Record<string, string | undefined>>;
  /** Per infrastructure kind, a server to use instead of the kind's default one. */
  servers?: Readonly<Record<string, string | undefined>>;
  /** `choices.database` (`--db`). */
  db?: DatabaseChoice;
  /** `choices.broker` (`--broker`): the broker of a topology that declares one; embedded unless told. */
  broker?: BrokerChoice;
  /** `servers.broker`: the RabbitMQ or NATS server instead of the lab's default (an experiment's cuttable proxy, say). */
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
  /**
   * Values of the topology's own options as given (`{ platform: 'gcf', single: 'true' }`); checked
   * against its declaration, defaults and switch picks applied here, handed to every process as env.
   */
  options?: Readonly<Record<string, string>>;
  /** More environment for every process (an experiment's `DATABASE_POOL_MAX`); wins over the lab's. */
  env?: Readonly<Record<string, string>>;
}

/**
 * Provisions a topology's infrastructure, then starts its processes in dependency order, each healthy
 * before the next, and hands them to a supervisor that keeps them.
 */
export async function startTopology(topology: Topology, options: StartOptions): Promise<Supervisor> {
  validateInfrastructure(topology);
  const { choices, servers } = perKind(options);
  const resolved = resolveTopologyOptions(topology, options.options, choices);
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
    infrastructure = await provisionInfrastructure(
      topology,
      { ...options, choices: resolved.choices, servers },
      runDir,
    );
  } catch (error) {
    removeScratch();
    throw error;
  }
  let supervisor: Supervisor;
  try {
    supervisor = new Supervisor({
      topology,
      plan: await plan(topology, options, resolved, infrastructure, runDir),
      infrastructure,
      options: resolved.values,
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

const disposeAll = async (infrastructure: Provisioned[]) => {
  for (const piece of infrastructure) await piece.dispose();
};

/** `choices` and `servers` with the one-kind shorthands folded in, the shorthands winning as before. */
function perKind(options: StartOptions): Record<'choices' | 'servers', Record<string, string | undefined>> {
  const { choices = {}, servers = {} } = options;
  return {
    choices: {
      ...choices,
      database: options.db ?? choices.database,
      broker: options.broker ?? choices.broker,
    },
    servers: { ...servers, broker: options.brokerServerUrl ?? servers.broker },
  };
}

async function provisionInfrastructure(
  topology: Topology,
  options: Pick<StartOptions, 'fresh' | 'onEvent'> & ReturnType<typeof perKind>,
  runDir: string,
): Promise<Provisioned[]> {
  const { choices, servers } = options;
  const provisioned: Provisioned[] = [];
  try {
    for (const spec of topology.infrastructure) {
      const kind = infrastructureKind(spec.kind);
      const piece = await kind.provision({
        slug: topology.id,
        spec,
        choice: choiceFor(kind, choices, spec),
        fresh: options.fresh,
        runDir,
        serverUrl: servers[spec.kind],
      });
      provisioned.push(piece);
      options.onEvent?.({ kind: 'provisioned', name: spec.name, describe: piece.describe });
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
  topologyOptions: ResolvedTopologyOptions,
  infrastructure: Provisioned[],
  runDir: string,
): Promise<PlannedProcess[]> {
  const ordered = startOrder(topology);
  const ports = new Map<string, number>();
  const adminPorts = new Map<string, number>();
  for (const spec of ordered) {
    ports.set(spec.name, spec.public && options.port ? options.port : await freePort());
    if (spec.adminPortEnv) adminPorts.set(spec.name, await freePort());
  }
  // A throw-away run signs with a secret of its own; the learner's runs with the lab's (or JWT_SECRET),
  // so tokens survive restarts and pass in no other lab.
  const secret = { JWT_SECRET: options.fresh ? randomBytes(32).toString('hex') : readJwtSecret().jwtSecret };
  return ordered.map((spec) => {
    const env: Record<string, string> = { ...secret, JOURNEY_RUN_DIR: runDir, ...topologyOptions.env };
    for (const piece of infrastructure) if (spec.uses?.includes(piece.name)) Object.assign(env, piece.env);
    // Every request/response edge to another process: its callers learn where it listens.
    for (const edge of topology.edges) {
      const port = ports.get(edge.to);
      if (edge.from === spec.name && isRequestResponse(edge.protocol) && port !== undefined)
        env[processUrlEnv(edge.to)] = `http://127.0.0.1:${port}`;
    }
    if (spec.workersEnv && options.workers) env[spec.workersEnv] = String(options.workers);
    Object.assign(env, options.env);
    const adminPort = adminPorts.get(spec.name);
    // After the run's extra env, like the main port: the lab probes the port it handed out.
    if (adminPort !== undefined) env[spec.adminPortEnv!] = String(adminPort);
    return { spec, port: ports.get(spec.name)!, ...(adminPort !== undefined && { adminPort }), env };
  });
}
