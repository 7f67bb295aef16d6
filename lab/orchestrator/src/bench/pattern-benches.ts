import { BROKER_CHOICES, type BrokerChoice, type DatabaseChoice } from '@journey/provisioning';
import type { BenchDeclaration, BenchTopology, PatternBench } from '@journey/topology';
import { loadPatternModule, loadTopology, type PatternSlug } from '../patterns.js';
import { withSwitchFor } from '../topology-options.js';
import { startTopology } from '../topology-runner.js';

/** A bench a pattern declares, with the values its flags got on the command line. */
export interface PlannedPatternBench {
  pattern: PatternSlug;
  declaration: BenchDeclaration;
  /** Every flag the bench declares, given or defaulted. */
  options: Record<string, number>;
}

export interface PatternBenchSettings {
  db: DatabaseChoice;
  /** `--broker`: the one broker to measure on; every broker the lab provides when absent. */
  broker?: BrokerChoice;
  durationSec: number;
  rounds: number;
  /** Per pattern, the values of its topology's own options, as the shared rows ran it. */
  topologyOptions?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  onProgress?: (message: string) => void;
}

/** What a pattern bench found, as `journey bench` prints it and keeps it in the report file. */
export interface PatternBenchOutcome {
  pattern: string;
  bench: string;
  title: string;
  text: string;
  figures?: unknown;
}

/** Runs one declared bench, handing it the lab's side of the work (topologies, progress, flags). */
export async function runPatternBench(
  { pattern, declaration, options }: PlannedPatternBench,
  settings: PatternBenchSettings,
): Promise<PatternBenchOutcome> {
  const bench = await loadPatternModule<PatternBench>(pattern, declaration.module);
  const progress = settings.onProgress ?? (() => {});
  const { text, figures } = await bench({
    settings: { db: settings.db, durationSec: settings.durationSec, rounds: settings.rounds },
    brokers: settings.broker ? [settings.broker] : BROKER_CHOICES,
    option(name) {
      const value = options[name];
      if (value === undefined) {
        throw new Error(
          `${pattern}'s ${declaration.name} bench reads --${name}, which its pattern.ts does not declare for it`,
        );
      }
      return value;
    },
    startTopology: async ({ broker }) =>
      startForBench(pattern, { db: settings.db, options: settings.topologyOptions?.[pattern] }, broker),
    progress,
  });
  return { pattern, bench: declaration.name, title: declaration.title, text, figures };
}

async function startForBench(
  pattern: PatternSlug,
  run: { db: DatabaseChoice; options?: Readonly<Record<string, string>> },
  broker?: string,
): Promise<BenchTopology> {
  if (broker !== undefined && !(BROKER_CHOICES as readonly string[]).includes(broker)) {
    throw new Error(
      `a ${pattern} bench asked for broker "${broker}"; the lab provides: ${BROKER_CHOICES.join(', ')}`,
    );
  }
  const topology = await loadTopology(pattern);
  const running = await startTopology(topology, {
    db: run.db,
    options: withSwitchFor(topology, run.db, run.options),
    ...(broker !== undefined && { broker: broker as BrokerChoice }),
    fresh: true,
    log: () => {},
  });
  return { ...running.running(), stop: () => running.stop() };
}
