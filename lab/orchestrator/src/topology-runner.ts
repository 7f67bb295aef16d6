import { randomBytes } from 'node:crypto';
import { startOrder, type Topology } from '@journey/topology';
import { type DatabaseChoice, type ProvisionedDatabase, provisionDatabase } from './database.js';
import {
  type LogSink,
  type ManagedProcess,
  spawnProcess,
  stopProcess,
  waitHealthy,
} from './managed-process.js';
import { freePort } from './ports.js';

export type StartEvent =
  | { kind: 'provisioned'; name: string; describe: string }
  | { kind: 'starting'; process: string; port: number; index: number; total: number }
  | { kind: 'healthy'; process: string; url: string; ms: number };

export interface StartOptions {
  db: DatabaseChoice;
  /** Port of the public process; internal ones get free ports. 0 or undefined picks a free one. */
  port?: number;
  /** Copies of the public process sharing its port, for topologies that declare `workersEnv`. */
  workers?: number;
  /** Throw-away databases (removed on stop) instead of the learner's persistent ones. */
  fresh: boolean;
  log: LogSink;
  onEvent?: (event: StartEvent) => void;
}

export interface RunningTopology {
  topology: Topology;
  /** Base URL of the public Conduit API (without `/api`). */
  url: string;
  databases: ProvisionedDatabase[];
  processes: ManagedProcess[];
  stop(): Promise<void>;
}

/** Provisions a topology's infrastructure, then starts its processes in dependency order, each healthy before the next. */
export async function startTopology(topology: Topology, options: StartOptions): Promise<RunningTopology> {
  const infraEnv = new Map<string, Record<string, string>>();
  const databases: ProvisionedDatabase[] = [];
  const processes: ManagedProcess[] = [];
  const stop = async () => {
    for (const proc of [...processes].reverse()) await stopProcess(proc);
    for (const db of databases) await db.dispose();
  };

  try {
    for (const infra of topology.infrastructure) {
      if (infra.kind !== 'database')
        throw new Error(`infrastructure kind "${infra.kind}" is not supported yet`);
      const db = await provisionDatabase(topology.id, infra.name, options.db, { fresh: options.fresh });
      databases.push(db);
      infraEnv.set(infra.name, { [infra.urlEnv]: db.url });
      options.onEvent?.({ kind: 'provisioned', name: infra.name, describe: db.describe });
    }
    // Fresh runs get their own secret; persistent ones keep the pattern's dev default so tokens survive restarts.
    const secret: Record<string, string> = options.fresh
      ? { JWT_SECRET: randomBytes(32).toString('hex') }
      : {};
    const ordered = startOrder(topology);
    for (const [index, spec] of ordered.entries()) {
      const port = spec.public && options.port ? options.port : await freePort();
      const env: Record<string, string> = { ...secret };
      for (const use of spec.uses ?? []) Object.assign(env, infraEnv.get(use));
      if (spec.workersEnv && options.workers) env[spec.workersEnv] = String(options.workers);
      options.onEvent?.({ kind: 'starting', process: spec.name, port, index, total: ordered.length });
      const started = Date.now();
      const proc = spawnProcess(spec, port, env, options.log);
      processes.push(proc);
      await waitHealthy(proc, spec.health);
      options.onEvent?.({ kind: 'healthy', process: spec.name, url: proc.url, ms: Date.now() - started });
    }
  } catch (error) {
    await stop();
    throw error;
  }

  const publicProcess = processes.find((p) => topology.processes.find((s) => s.name === p.name)?.public)!;
  return { topology, url: publicProcess.url, databases, processes, stop };
}
