import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from '@journey/platform';
import { type MachineInfo, machineInfo } from './machine.js';
import type { ChaosRun, CompareRun } from './run-records.js';

interface RunKinds {
  compare: CompareRun;
  chaos: ChaosRun;
}
export type RunKind = keyof RunKinds;

export interface StoredRun<K extends RunKind> {
  /** ISO time the run ended; also the file's name, so runs sort by time. */
  at: string;
  machine: MachineInfo;
  data: RunKinds[K];
}

/** `compare/` and `chaos/` under the lab's data directory, one JSON file per run. */
export const resultsDir = (kind: RunKind, root = dataDir()) => join(root, 'results', kind);

/** Stores a run with the time and the machine; written to a temporary name first, so a reader never sees half a file. */
export function saveRun<K extends RunKind>(kind: K, data: RunKinds[K], root = dataDir()): StoredRun<K> {
  const run: StoredRun<K> = { at: new Date().toISOString(), machine: machineInfo(), data };
  const dir = resultsDir(kind, root);
  mkdirSync(dir, { recursive: true });
  const name = `${run.at.replace(/[:.]/g, '-')}-${process.pid}.json`;
  writeFileSync(join(dir, `${name}.tmp`), `${JSON.stringify(run, null, 2)}\n`);
  renameSync(join(dir, `${name}.tmp`), join(dir, name));
  return run;
}

/** Every stored run of a kind, newest first; a file that does not parse (edited by hand) is skipped. */
export function storedRuns<K extends RunKind>(kind: K, root = dataDir()): StoredRun<K>[] {
  let names: string[];
  try {
    names = readdirSync(resultsDir(kind, root)).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
  const runs: StoredRun<K>[] = [];
  for (const name of names) {
    try {
      const run = JSON.parse(readFileSync(join(resultsDir(kind, root), name), 'utf8')) as StoredRun<K>;
      if (typeof run.at === 'string' && run.data && run.machine) runs.push(run);
    } catch {
      // Not a run; see above.
    }
  }
  return runs.sort((a, b) => b.at.localeCompare(a.at));
}
