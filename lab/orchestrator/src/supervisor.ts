import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { holdPort } from '@journey/platform';
import type { Provisioned } from '@journey/provisioning';
import type { ProcessSpec, RunningPattern, Topology } from '@journey/topology';
import { groupRss } from './bench/process-memory.js';
import { LogFiles, type LogRecord } from './log-files.js';
import {
  type ExitStatus,
  isAlive,
  type LogSink,
  type ManagedProcess,
  signalGroup,
  spawnProcess,
  stopProcess,
  waitHealthy,
} from './managed-process.js';
import { type HealthProbe, probeHealth } from './process-status.js';

/**
 * starting → running → exited (it died or was killed: it stays down until restarted) or
 * stopping → stopped (the lab stopped it).
 */
export type ProcessState = 'starting' | 'running' | 'exited' | 'stopping' | 'stopped';

export const KILL_SIGNALS = ['SIGKILL', 'SIGTERM'] as const;
/** SIGKILL is a crash; SIGTERM asks the process to shut down as it would on a deploy. */
export type KillSignal = (typeof KILL_SIGNALS)[number];

/** One process as the supervisor knows it, without asking the process anything. */
export interface ProcessSnapshot {
  name: string;
  /** Null while no process of that name is alive. */
  pid: number | null;
  port: number;
  url: string;
  state: ProcessState;
  restarts: number;
  /** When the process entered its state (started, exited, stopped), as an ISO timestamp. */
  since: string;
  /** How the last run of the process ended, if it did. */
  exit: ExitStatus | null;
  /**
   * Its plaintext admin port (`ProcessSpec.adminPortEnv`), where the lab probes its health and asks
   * for its reports, when it declares one; callers still use `port`.
   */
  adminPort?: number;
  adminUrl?: string;
  /** The path where it reports the units it hosts (`ProcessSpec.hostedUnits`), when it declares one. */
  hostedUnits?: string;
  /** The path where it reports the traffic between the others (`ProcessSpec.traffic`), when it declares one. */
  traffic?: string;
}

/** Where a process answers the lab (health, hosted units, traffic): its admin port when it has one. */
export const labFacingUrl = (process: Pick<ProcessSnapshot, 'url' | 'adminUrl'>) =>
  process.adminUrl ?? process.url;

/** A snapshot plus what the process answers now: its health endpoint and its process group's memory. */
export interface ProcessStatus extends ProcessSnapshot {
  health: HealthProbe;
  rssBytes: number;
}

/** What every front end of the lab (CLI, dashboard, experiments) can do to a running topology. */
export interface TopologyControl {
  /** Where its processes listen and what it runs on, as a pattern's command is handed it. */
  running(): RunningPattern;
  status(): Promise<ProcessStatus[]>;
  kill(process: string, signal?: KillSignal): Promise<ProcessSnapshot>;
  restart(process: string): Promise<ProcessSnapshot>;
  stop(): Promise<void>;
}

export class UnknownProcessError extends Error {
  constructor(
    readonly process: string,
    readonly choices: readonly string[],
  ) {
    super(`no process "${process}" in this topology`);
    this.name = 'UnknownProcessError';
  }
}

export interface LogEvent extends LogRecord {
  stream: 'stdout' | 'stderr';
}

export interface SupervisorEvents {
  state: [ProcessSnapshot];
  log: [LogEvent];
  stopped: [];
}

/** A process with everything it needs to be started again exactly the same way. */
export interface PlannedProcess {
  spec: ProcessSpec;
  port: number;
  /** The second port, handed in `spec.adminPortEnv`, of a process that declares one. */
  adminPort?: number;
  env: Record<string, string>;
}

export type StartEvent =
  | { kind: 'provisioned'; name: string; describe: string }
  | { kind: 'starting'; process: string; port: number; index: number; total: number }
  | { kind: 'healthy'; process: string; url: string; ms: number };

export interface SupervisorOptions {
  topology: Topology;
  /** In start order: dependencies first (stop() goes the other way). */
  plan: PlannedProcess[];
  /**
   * What the processes use, in provisioning order; disposed after every process has stopped, so no
   * consumer re-creates what a fresh run removes.
   */
  infrastructure: Provisioned[];
  runDir: string;
  /** The values of the topology's options this run was started with (`{ platform: 'gcf' }`). */
  options?: Readonly<Record<string, string>>;
  log?: LogSink;
  /** Keep each process's lines in `<runDir>/logs/<process>.log` for `journey logs`. */
  logFiles?: boolean;
  /** Time between SIGTERM and SIGKILL. */
  graceMs?: number;
}

interface Slot extends PlannedProcess {
  url: string;
  adminUrl?: string;
  proc?: ManagedProcess;
  state: ProcessState;
  restarts: number;
  since: number;
  exit: ExitStatus | null;
  /** Operations on one process run one after the other; a kill during a restart waits for it. */
  queue: Promise<unknown>;
}

/**
 * Keeps a started topology's processes: a process that dies is marked exited and stays down while
 * the others keep serving; one can be killed or restarted on its own port; `stop()` takes everything
 * down in reverse start order. Emits `state` on every change and `log` for every line.
 */
export class Supervisor extends EventEmitter<SupervisorEvents> implements TopologyControl {
  readonly topology: Topology;
  readonly infrastructure: readonly Provisioned[];
  readonly runDir: string;
  /** The values of the topology's options this run was started with, defaults included. */
  readonly options: Readonly<Record<string, string>>;
  /** Base URL of the public Conduit API (without `/api`). */
  readonly url: string;
  /** Resolves once `stop()` has finished, whoever called it. */
  readonly stopped: Promise<void>;
  readonly #slots: Slot[];
  readonly #graceMs: number;
  readonly #log?: LogSink;
  readonly #logFiles?: LogFiles;
  #stopping?: Promise<void>;
  #markStopped!: () => void;

  constructor(options: SupervisorOptions) {
    super();
    this.topology = options.topology;
    this.infrastructure = options.infrastructure;
    this.runDir = options.runDir;
    this.options = { ...options.options };
    this.#graceMs = options.graceMs ?? 10_000;
    this.#log = options.log;
    this.#slots = options.plan.map((planned) => ({
      ...planned,
      url: `http://127.0.0.1:${planned.port}`,
      ...(planned.adminPort !== undefined && { adminUrl: `http://127.0.0.1:${planned.adminPort}` }),
      state: 'stopped',
      restarts: 0,
      since: Date.now(),
      exit: null,
      queue: Promise.resolve(),
    }));
    this.url = this.#slots.find((slot) => slot.spec.public)!.url;
    if (options.logFiles) {
      this.#logFiles = new LogFiles(
        join(options.runDir, 'logs'),
        this.#slots.map((slot) => slot.spec.name),
      );
    }
    this.stopped = new Promise((resolve) => {
      this.#markStopped = resolve;
    });
  }

  /** The provisioned pieces of one infrastructure kind. */
  ofKind(kind: string): Provisioned[] {
    return this.infrastructure.filter((piece) => piece.kind === kind);
  }

  /** Where the processes listen and what the run's infrastructure is: what a pattern's bench or experiment is handed. */
  running(): RunningPattern {
    return {
      url: this.url,
      processes: this.#slots.map(({ spec, url }) => ({ name: spec.name, url })),
      infrastructure: this.infrastructure.map(({ name, kind, choice, url }) => ({ name, kind, choice, url })),
    };
  }

  /** The live process of each name (the latest one after a restart). */
  get processes(): ManagedProcess[] {
    return this.#slots.flatMap((slot) => (slot.proc && isAlive(slot.proc) ? [slot.proc] : []));
  }

  /**
   * Starts every process once everything it depends on is healthy, so independent processes start
   * side by side; on a failure, or when `signal` aborts (Ctrl-C during start-up), stops them all and throws.
   */
  async start(onEvent?: (event: StartEvent) => void, signal?: AbortSignal): Promise<void> {
    const healthy = new Map<string, Promise<void>>();
    let startedCount = 0;
    const startOne = (slot: Slot): Promise<void> => {
      let done = healthy.get(slot.spec.name);
      if (done) return done;
      done = (async () => {
        await Promise.all((slot.spec.dependsOn ?? []).map((dep) => startOne(this.#slot(dep))));
        signal?.throwIfAborted();
        // stop() may come from elsewhere (a dashboard button) while we start: start nothing more.
        if (this.#stopping) throw new Error(`${this.topology.id} was stopped during start-up`);
        const index = startedCount++;
        onEvent?.({
          kind: 'starting',
          process: slot.spec.name,
          port: slot.port,
          index,
          total: this.#slots.length,
        });
        const started = Date.now();
        // Queued like a restart, so a stop() that comes meanwhile waits for it and then stops it.
        await this.#serially(slot, () => this.#launch(slot, signal));
        onEvent?.({ kind: 'healthy', process: slot.spec.name, url: slot.url, ms: Date.now() - started });
      })();
      healthy.set(slot.spec.name, done);
      return done;
    };
    try {
      await Promise.all(this.#slots.map(startOne));
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  snapshot(): ProcessSnapshot[] {
    return this.#slots.map((slot) => this.#snapshot(slot));
  }

  async status(): Promise<ProcessStatus[]> {
    return Promise.all(
      this.#slots.map(async (slot) => {
        const snapshot = this.#snapshot(slot);
        if (snapshot.pid === null)
          return { ...snapshot, health: { ok: false, detail: 'not running' }, rssBytes: 0 };
        return {
          ...snapshot,
          health: await probeHealth(this.#healthUrl(slot)),
          rssBytes: groupRss(snapshot.pid),
        };
      }),
    );
  }

  /** Kills one process (and its process group); it stays exited until restarted. */
  async kill(name: string, signal: KillSignal = 'SIGKILL'): Promise<ProcessSnapshot> {
    const slot = this.#slot(name);
    return this.#serially(slot, async () => {
      if (!slot.proc || !isAlive(slot.proc)) throw new Error(`${name} is not running (${slot.state})`);
      await stopProcess(slot.proc, this.#graceMs, signal);
      this.#holdPorts(slot);
      return this.#snapshot(slot);
    });
  }

  /** Stops the process if it runs, starts it again on the same port with the same environment, waits for health. */
  async restart(name: string): Promise<ProcessSnapshot> {
    const slot = this.#slot(name);
    return this.#serially(slot, async () => {
      if (this.#stopping) throw new Error(`${this.topology.id} is stopping; ${name} stays down`);
      if (slot.proc && isAlive(slot.proc)) {
        this.#setState(slot, 'stopping');
        await stopProcess(slot.proc, this.#graceMs);
      }
      slot.restarts += 1;
      await this.#launch(slot);
      return this.#snapshot(slot);
    });
  }

  stop(): Promise<void> {
    this.#stopping ??= this.#stopAll();
    return this.#stopping;
  }

  async #stopAll(): Promise<void> {
    for (const slot of [...this.#slots].reverse()) {
      await slot.queue;
      if (slot.proc && isAlive(slot.proc)) {
        this.#setState(slot, 'stopping');
        await stopProcess(slot.proc, this.#graceMs);
      }
      if (slot.proc) this.#setState(slot, 'stopped');
    }
    for (const piece of this.infrastructure) {
      // A server that went away meanwhile must not keep the run from stopping; say what is left.
      await piece
        .dispose()
        .catch((error: Error) =>
          this.#onLine('lab', `could not remove ${piece.describe}: ${error.message}`, 'stderr'),
        );
    }
    this.#logFiles?.close();
    this.emit('stopped');
    this.#markStopped();
  }

  async #launch(slot: Slot, signal?: AbortSignal): Promise<void> {
    this.#holdPorts(slot);
    const proc = await spawnProcess(slot.spec, slot.port, slot.env, this.#onLine);
    slot.proc = proc;
    slot.exit = null;
    this.#setState(slot, 'starting');
    void proc.exited.then((exit) => this.#onExit(slot, proc, exit));
    try {
      await waitHealthy(proc, this.#healthUrl(slot), signal);
    } catch (error) {
      await stopProcess(proc, this.#graceMs);
      throw error;
    }
    if (slot.proc === proc && slot.state === 'starting') this.#setState(slot, 'running');
  }

  /** A process's ports stay leased while it is down, so its restart finds them free. */
  #holdPorts(slot: Slot): void {
    holdPort(slot.port);
    if (slot.adminPort !== undefined) holdPort(slot.adminPort);
  }

  #healthUrl(slot: Slot): string {
    return `${labFacingUrl(slot)}${slot.spec.health}`;
  }

  #onExit(slot: Slot, proc: ManagedProcess, exit: ExitStatus): void {
    // Whatever the process forked dies with it, so nothing holds its port when it is restarted.
    signalGroup(proc, 'SIGKILL');
    if (slot.proc !== proc) return;
    slot.exit = exit;
    if (slot.state !== 'stopping') this.#setState(slot, 'exited');
  }

  readonly #onLine: LogSink = (process, line, stream) => {
    this.#log?.(process, line, stream);
    this.#logFiles?.write(process, line);
    this.emit('log', { process, line, stream, time: new Date().toISOString() });
  };

  #serially<T>(slot: Slot, work: () => Promise<T>): Promise<T> {
    const run = slot.queue.then(work, work);
    slot.queue = run.catch(() => {});
    return run;
  }

  #slot(name: string): Slot {
    const slot = this.#slots.find((s) => s.spec.name === name);
    if (!slot)
      throw new UnknownProcessError(
        name,
        this.#slots.map((s) => s.spec.name),
      );
    return slot;
  }

  #setState(slot: Slot, state: ProcessState): void {
    slot.state = state;
    slot.since = Date.now();
    this.emit('state', this.#snapshot(slot));
  }

  #snapshot(slot: Slot): ProcessSnapshot {
    const alive = slot.proc !== undefined && isAlive(slot.proc);
    return {
      name: slot.spec.name,
      pid: alive ? slot.proc!.child.pid! : null,
      port: slot.port,
      url: slot.url,
      state: slot.state,
      restarts: slot.restarts,
      since: new Date(slot.since).toISOString(),
      exit: slot.exit,
      ...(slot.adminPort !== undefined && { adminPort: slot.adminPort, adminUrl: slot.adminUrl }),
      ...(slot.spec.hostedUnits && { hostedUnits: slot.spec.hostedUnits }),
      ...(slot.spec.traffic && { traffic: slot.spec.traffic }),
    };
  }
}
