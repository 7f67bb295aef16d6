import {
  choiceFlags,
  connectControl,
  DEFAULT_BROKER,
  type ExperimentEvent,
  experimentDatabase,
  formatFaultReport,
  loadPatternExperiments,
  patternFolder,
  readRunState,
  runDeclaredExperiment,
  runPatternExperiment,
} from '@journey/orchestrator';
import { formatRecorded, recordCheckRun } from '@journey/roadmap';
import type { ExperimentDeclaration, Topology } from '@journey/topology';
import {
  brokerArg,
  explicitDbArg,
  hasBroker,
  integerArg,
  parseWithTopologyOptions,
  patternArg,
  topologyOptionValues,
  UsageError,
  withWayRound,
} from '../usage.js';

export const experimentOptions = {
  db: { type: 'string' },
  broker: { type: 'string' },
  'fault-seconds': { type: 'string' },
} as const;

/**
 * Runs one of a pattern's experiments and says whether the outcome matched the design's prediction:
 * a fault experiment of its topology.ts (something breaks under probe load) or a load experiment of
 * its pattern.ts (a cold-start storm, a connection limit). Named alone, the pattern's experiments are
 * listed. Either verdict is recorded as a run of `journey experiment <pattern> <name>` with its flags.
 */
export async function experiment(args: string[]): Promise<number> {
  const { values, positionals, topologyOf } = await parseWithTopologyOptions(
    args,
    experimentOptions,
    'experiment',
  );
  const pattern = patternArg(positionals[0], 'experiment');
  const topology = topologyOf(pattern);
  const loadExperiments = await loadPatternExperiments(topology, patternFolder(pattern));
  const name = positionals[1];
  if (name === undefined) {
    console.log(experimentList(topology, loadExperiments));
    return 0;
  }
  const options = topologyOptionValues(values, topology);
  const db = explicitDbArg(values.db);
  try {
    experimentDatabase(topology, db, options);
  } catch (error) {
    // A switch that picks another database than --db names (`--single --db postgres`): a usage mistake.
    throw new UsageError(`journey experiment: ${(error as Error).message}`);
  }
  const load = loadExperiments.find((declared) => declared.name === name);
  if (load) {
    if (values.broker !== undefined || values['fault-seconds'] !== undefined)
      throw new UsageError(
        `journey experiment: ${name} starts its own copies; --broker and --fault-seconds do not apply`,
      );
    return runLoadExperiment({
      topology,
      patternFolder: patternFolder(pattern),
      declaration: load,
      db,
      options,
    });
  }
  if (!(topology.experiments ?? []).some((declared) => declared.name === name)) {
    const names = [...(topology.experiments ?? []), ...loadExperiments].map((declared) => declared.name);
    throw new UsageError(`journey experiment: ${pattern} has no experiment "${name}"`, names);
  }
  return runFaultExperiment(topology, name, {
    faultMs: integerArg('fault-seconds', values['fault-seconds'], 5, 1, 600) * 1_000,
    db,
    broker: brokerArg(values.broker, topology),
    options,
  });
}

/** The experiments `journey experiment <pattern> <name>` runs, of both kinds, with what each does. */
export function experimentList(topology: Topology, loadExperiments: ExperimentDeclaration[]): string {
  const rows = [
    ...(topology.experiments ?? []).map((e) => ({ name: e.name, kind: 'fault', title: e.title })),
    ...loadExperiments.map((e) => ({ name: e.name, kind: 'load', title: e.title })),
  ];
  if (rows.length === 0) return `${topology.id} declares no experiments`;
  const width = Math.max(...rows.map((row) => row.name.length));
  return [
    `${topology.id}'s experiments (journey experiment ${topology.id} <name>):`,
    ...rows.map((row) => `  ${row.name.padEnd(width)}  ${row.kind.padEnd(5)}  ${row.title}`),
  ].join('\n');
}

export interface LoadExperimentRun {
  topology: Topology;
  /** Where the pattern's pattern.ts and the experiment's module live. */
  patternFolder: string;
  declaration: ExperimentDeclaration;
  db: ReturnType<typeof explicitDbArg>;
  /** The topology's option flags as given. */
  options: Record<string, string>;
}

/** Runs a load experiment of the pattern's pattern.ts: its figures, verdict and lesson, then the record. */
export async function runLoadExperiment({
  topology,
  patternFolder,
  declaration,
  db,
  options,
}: LoadExperimentRun): Promise<number> {
  const pattern = topology.id;
  // Ctrl-C stops the run and every copy it started, instead of leaving them behind.
  const controller = new AbortController();
  const stop = () => controller.abort(new Error(`${declaration.name} stopped (Ctrl-C)`));
  process.once('SIGINT', stop);
  let outcome: Awaited<ReturnType<typeof runPatternExperiment>>;
  try {
    console.error(
      `• ${pattern} · ${declaration.name}: on fresh copies, database ${experimentDatabase(topology, db, options)}`,
    );
    outcome = await runPatternExperiment({
      topology,
      patternFolder,
      declaration,
      ...(db && { db }),
      options,
      onProgress: (message) => console.error(`• ${message}`),
      signal: controller.signal,
    });
  } catch (error) {
    throw withWayRound(error, topology);
  } finally {
    process.off('SIGINT', stop);
  }
  console.log(`\n${pattern} · ${outcome.name}: ${outcome.title}\n`);
  console.log(outcome.text);
  console.log(`\n${outcome.held ? '✓' : '✗'} ${outcome.verdict}`);
  console.log(`\n${outcome.lesson}`);
  const recorded = recordCheckRun({
    command: 'experiment',
    positionals: [pattern, outcome.name],
    flags: { db: outcome.db, ...options },
    passed: outcome.held,
    detail: outcome.verdict,
  });
  for (const line of formatRecorded(recorded)) console.error(line);
  return outcome.held ? 0 : 1;
}

interface FaultRunFlags {
  faultMs: number;
  db: ReturnType<typeof explicitDbArg>;
  broker: ReturnType<typeof brokerArg>;
  options: Record<string, string>;
}

/**
 * Breaks the pattern the way its topology declares while probe load runs. Acts on the running copy
 * when `journey up` runs one, otherwise — or when the fault must sit between the processes and their
 * infrastructure (`--broker rabbitmq|nats` for a broker) — on a fresh copy it starts and stops.
 */
async function runFaultExperiment(topology: Topology, name: string, flags: FaultRunFlags): Promise<number> {
  const pattern = topology.id;
  const running = readRunState(pattern);
  if (running) console.error(`• the running ${pattern} at ${running.url} is there to break`);
  const freshFlags = {
    db: experimentDatabase(topology, flags.db, flags.options),
    ...(hasBroker(topology) && { broker: flags.broker ?? DEFAULT_BROKER }),
    ...flags.options,
  };
  let brokeRunningCopy = running !== undefined;
  const outcome = await runDeclaredExperiment({
    topology,
    name,
    running: running ? { url: running.url, control: connectControl(running) } : undefined,
    start: {
      choices: { database: flags.db, broker: flags.broker },
      options: flags.options,
      onEvent: (event) => {
        if (event.kind === 'starting')
          console.error(`• starting ${event.process} (${event.index + 1}/${event.total})…`);
      },
    },
    onOwnCopy: (reason) => {
      console.error(`• starting a fresh ${pattern}: ${reason}`);
      brokeRunningCopy = false;
    },
    phaseMs: { fault: flags.faultMs },
    onEvent: (event: ExperimentEvent) => console.error(`• ${event.phase}: ${event.detail}`),
  }).catch((error: unknown) => {
    throw withWayRound(error, topology);
  });
  console.log(`\n${pattern} · ${outcome.spec.name}: ${outcome.spec.title}`);
  console.log(formatFaultReport(outcome.report));
  console.log(`\n${outcome.spec.lesson}`);
  const held = outcome.mismatches.length === 0;
  if (held) console.log('\n✓ the outcome matches what the topology predicts');
  else console.log(`\n✗ the outcome differs from the prediction:\n  ${outcome.mismatches.join('\n  ')}`);
  const recorded = recordCheckRun({
    command: 'experiment',
    positionals: [pattern, name],
    // What the broken copy ran on: the running copy's infrastructure, or the flags of a fresh one.
    flags: brokeRunningCopy && running ? choiceFlags(running.provisioned) : freshFlags,
    passed: held,
    detail: held ? 'the outcome matches the prediction' : `differs: ${outcome.mismatches[0]}`,
  });
  for (const line of formatRecorded(recorded)) console.error(line);
  return held ? 0 : 1;
}
