import {
  connectControl,
  type ExperimentEvent,
  formatFaultReport,
  loadTopology,
  readRunState,
  runDeclaredExperiment,
} from '@journey/orchestrator';
import { brokerArg, dbArg, integerArg, parse, patternArg, UsageError } from '../usage.js';

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
  const running = readRunState(pattern);
  if (running) console.error(`• the running ${pattern} at ${running.url} is there to break`);
  const outcome = await runDeclaredExperiment({
    topology,
    name,
    running: running ? { url: running.url, control: connectControl(running) } : undefined,
    start: {
      choices: { database: dbArg(values.db), broker: brokerArg(values.broker, topology) },
      onEvent: (event) => {
        if (event.kind === 'starting')
          console.error(`• starting ${event.process} (${event.index + 1}/${event.total})…`);
      },
    },
    onOwnCopy: (reason) => console.error(`• starting a fresh ${pattern}: ${reason}`),
    phaseMs: { fault: faultMs },
    onEvent: (event: ExperimentEvent) => console.error(`• ${event.phase}: ${event.detail}`),
  });
  console.log(`\n${pattern} · ${outcome.spec.name}: ${outcome.spec.title}`);
  console.log(formatFaultReport(outcome.report));
  console.log(`\n${outcome.spec.lesson}`);
  if (outcome.mismatches.length === 0) {
    console.log('\n✓ the outcome matches what the topology predicts');
    return 0;
  }
  console.log(`\n✗ the outcome differs from the prediction:\n  ${outcome.mismatches.join('\n  ')}`);
  return 1;
}
