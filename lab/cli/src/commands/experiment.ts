import {
  choiceFlags,
  connectControl,
  DEFAULT_BROKER,
  type ExperimentEvent,
  formatFaultReport,
  loadTopology,
  readRunState,
  runDeclaredExperiment,
} from '@journey/orchestrator';
import { formatRecorded, recordCheckRun } from '@journey/roadmap';
import { brokerArg, dbArg, hasBroker, integerArg, parse, patternArg, UsageError } from '../usage.js';

export const experimentOptions = {
  db: { type: 'string' },
  broker: { type: 'string' },
  'fault-seconds': { type: 'string' },
} as const;

/**
 * Breaks a pattern the way its topology declares (`experiments` in topology.ts) while probe load
 * runs, and says whether the outcome matched the design's prediction. Acts on the running copy when
 * `journey up` runs one, otherwise — or when the fault must sit between the processes and their
 * infrastructure (`--broker rabbitmq|nats` for a broker) — on a fresh copy it starts and stops.
 * The verdict is recorded as a run of `journey experiment <pattern> <name>` with its db (and broker).
 */
export async function experiment(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, experimentOptions, 'experiment');
  const pattern = patternArg(positionals[0], 'experiment');
  const topology = await loadTopology(pattern);
  const names = (topology.experiments ?? []).map((e) => e.name);
  const name = positionals[1];
  if (name === undefined || !names.includes(name)) {
    const problem = name === undefined ? 'name an experiment' : `${pattern} has no experiment "${name}"`;
    throw new UsageError(`journey experiment: ${problem}`, names);
  }
  const faultMs = integerArg('fault-seconds', values['fault-seconds'], 5, 1, 600) * 1_000;
  const db = dbArg(values.db);
  const broker = brokerArg(values.broker, topology);
  const running = readRunState(pattern);
  if (running) console.error(`• the running ${pattern} at ${running.url} is there to break`);
  const freshFlags = { db, ...(hasBroker(topology) && { broker: broker ?? DEFAULT_BROKER }) };
  let brokeRunningCopy = running !== undefined;
  const outcome = await runDeclaredExperiment({
    topology,
    name,
    running: running ? { url: running.url, control: connectControl(running) } : undefined,
    start: {
      choices: { database: db, broker },
      onEvent: (event) => {
        if (event.kind === 'starting')
          console.error(`• starting ${event.process} (${event.index + 1}/${event.total})…`);
      },
    },
    onOwnCopy: (reason) => {
      console.error(`• starting a fresh ${pattern}: ${reason}`);
      brokeRunningCopy = false;
    },
    phaseMs: { fault: faultMs },
    onEvent: (event: ExperimentEvent) => console.error(`• ${event.phase}: ${event.detail}`),
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
