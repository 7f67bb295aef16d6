import { choiceFor, type DatabaseChoice, infrastructureKind } from '@journey/provisioning';
import {
  type BenchTopology,
  type ExperimentDeclaration,
  hasPatternManifest,
  loadDeclaredModule,
  loadPatternManifestIn,
  type PatternExperiment,
  type PatternExperimentContext,
  type PatternExperimentResult,
  type Topology,
} from '@journey/topology';
import { resolveTopologyOptions } from '../topology-options.js';
import { startTopology } from '../topology-runner.js';

/**
 * The load experiments a pattern's `pattern.ts` declares (none without a manifest). A name the
 * topology's fault experiments already use is refused: `journey experiment <slug> <name>` would not
 * know which one to run.
 */
export async function loadPatternExperiments(
  topology: Topology,
  patternFolder: string,
): Promise<ExperimentDeclaration[]> {
  if (!hasPatternManifest(patternFolder)) return [];
  const declared = (await loadPatternManifestIn(patternFolder)).experiments ?? [];
  const faultNames = new Set((topology.experiments ?? []).map((e) => e.name));
  const clashing = declared.filter((e) => faultNames.has(e.name)).map((e) => `"${e.name}"`);
  if (clashing.length > 0)
    throw new Error(
      `${topology.id}'s pattern.ts declares the experiment ${clashing.join(', ')}, which its topology.ts already declares: rename one`,
    );
  return declared;
}

export interface PatternExperimentRun {
  topology: Topology;
  /** Where the pattern lives (`patterns/<slug>`): the declaration's module is relative to it. */
  patternFolder: string;
  declaration: ExperimentDeclaration;
  /**
   * `--db`: every copy the experiment starts runs on it, fresh. Unless told, what a given switch picks
   * (`--single`: SQLite), else the topology's own default (serverless: PostgreSQL), else the lab's.
   */
  db?: DatabaseChoice;
  /**
   * The topology options given on the command line (`{ platform: 'gcf' }`); what the experiment asks
   * for when it starts a copy wins, since it knows what it must compare.
   */
  options?: Readonly<Record<string, string>>;
  onProgress?: (message: string) => void;
  /** Stops the run: every copy it started is stopped and the run rejects with the signal's reason. */
  signal?: AbortSignal;
}

export interface PatternExperimentOutcome extends PatternExperimentResult {
  pattern: string;
  name: string;
  title: string;
  /** The database the run's copies ran on. */
  db: DatabaseChoice;
}

/**
 * The database a run's copies run on, from `--db` and the topology's options and declaration; a
 * switch picking another database than `--db` names is refused here, before anything starts.
 */
export function experimentDatabase(
  topology: Topology,
  db: DatabaseChoice | undefined,
  options: Readonly<Record<string, string>> = {},
): DatabaseChoice {
  const { choices } = resolveTopologyOptions(topology, options, { database: db });
  const spec = topology.infrastructure.find((entry) => entry.kind === 'database');
  return choiceFor(infrastructureKind('database'), choices, spec) as DatabaseChoice;
}

/**
 * Runs one experiment a pattern declares, handing it the lab's side of the work: fresh copies of the
 * topology on the run's database, each stopped when the experiment ends, throws or is aborted —
 * whether or not the experiment stopped it itself.
 */
export async function runPatternExperiment(run: PatternExperimentRun): Promise<PatternExperimentOutcome> {
  const { topology, declaration, signal } = run;
  signal?.throwIfAborted();
  const db = experimentDatabase(topology, run.db, run.options);
  const experiment = await loadDeclaredModule<PatternExperiment>(run.patternFolder, declaration.module);
  const copies = new Set<BenchTopology>();
  let over = false;
  const startCopy: PatternExperimentContext['startTopology'] = async (request = {}) => {
    signal?.throwIfAborted();
    const options = { ...run.options, ...request.options };
    const supervisor = await startTopology(topology, {
      // A copy the experiment asks to run single (`--single`) runs on what that switch picks.
      db: experimentDatabase(topology, run.db, options),
      options,
      env: { ...request.env },
      fresh: true,
      log: () => {},
      signal,
    });
    const copy: BenchTopology = {
      ...supervisor.running(),
      stop: async () => {
        copies.delete(copy);
        await supervisor.stop();
      },
    };
    // A copy that finished starting after the run ended (an experiment that threw while another start
    // was under way) would be left running: nobody holds it any more.
    if (over) {
      await supervisor.stop();
      throw new Error(
        `${topology.id}'s ${declaration.name} experiment had already ended when this copy started`,
      );
    }
    copies.add(copy);
    return copy;
  };
  try {
    const result = await untilAborted(
      experiment({
        settings: { db },
        startTopology: startCopy,
        progress: run.onProgress ?? (() => {}),
        ...(signal && { signal }),
      }),
      signal,
    );
    return { pattern: topology.id, name: declaration.name, title: declaration.title, db, ...result };
  } finally {
    over = true;
    await Promise.all([...copies].map((copy) => copy.stop()));
  }
}

/** The experiment's result, or the abort's reason as soon as the signal fires, whichever comes first. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
