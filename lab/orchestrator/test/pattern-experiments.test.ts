import { join } from 'node:path';
import { defineTopology } from '@journey/topology';
import { describe, expect, it } from 'vitest';
import {
  experimentDatabase,
  loadPatternExperiments,
  type PatternExperimentRun,
  runPatternExperiment,
} from '../src/index.js';
import { fixtureTopology } from './fixtures/fixture-topology.js';

const patternFolder = join(import.meta.dirname, 'fixtures', 'patterns', 'fixture');
// An option of its own, which the two-copies experiment asks for when it starts its second copy.
const topology = defineTopology({
  ...fixtureTopology(),
  options: [{ name: 'flavour', description: 'a flavour', env: 'FLAVOUR', choices: ['first', 'second'] }],
});

async function declared(name: string) {
  const found = (await loadPatternExperiments(topology, patternFolder)).find((e) => e.name === name);
  if (!found) throw new Error(`the fixture pattern declares no "${name}"`);
  return found;
}

/** Runs a fixture experiment, keeping the progress lines (each experiment prints the URL of its copies). */
async function run(name: string, extra: Partial<PatternExperimentRun> = {}) {
  const lines: string[] = [];
  const outcome = runPatternExperiment({
    topology,
    patternFolder,
    declaration: await declared(name),
    db: 'sqlite',
    onProgress: (line) => lines.push(line),
    ...extra,
  });
  return { outcome, lines };
}

const answers = async (url: string) => {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return true;
  } catch {
    return false;
  }
};

describe('experiments a pattern declares in pattern.ts', () => {
  it('when listed, then they come from the manifest, with their titles', async () => {
    expect((await loadPatternExperiments(topology, patternFolder)).map((e) => e.name)).toEqual([
      'two-copies',
      'throws',
      'never-ends',
    ]);
  });

  it('when one repeats a fault experiment of the topology, then the manifest is refused naming it', async () => {
    const clashing = {
      ...topology,
      experiments: [
        {
          name: 'throws',
          title: 'kills front',
          fault: { kind: 'kill' as const, processes: ['front'] },
          expect: {},
          lesson: '',
        },
      ],
    };
    await expect(loadPatternExperiments(clashing, patternFolder)).rejects.toThrow(
      /declares the experiment "throws", which its topology.ts already declares/,
    );
  });

  it('when a pattern has no manifest, then it has no load experiment', async () => {
    expect(await loadPatternExperiments(topology, import.meta.dirname)).toEqual([]);
  });

  it('when run, then the experiment gets fresh copies of its own and its result, and the copies are stopped after', async () => {
    const { outcome, lines } = await run('two-copies');
    const result = await outcome;
    expect(result).toMatchObject({
      pattern: 'fixture',
      name: 'two-copies',
      title: 'Starts two copies and leaves them running',
      held: true,
      verdict: '2 copies answered on sqlite',
      lesson: 'each copy is its own',
    });
    expect(lines).toHaveLength(2);
    expect(new Set(lines).size).toBe(2);
    for (const url of lines) expect(await answers(url)).toBe(false);
  });

  it('when the experiment throws, then its error reaches the caller and its copy is stopped', async () => {
    const { outcome, lines } = await run('throws');
    await expect(outcome).rejects.toThrow('the experiment broke');
    expect(lines).toHaveLength(1);
    expect(await answers(lines[0]!)).toBe(false);
  });

  it('when the run is aborted, then it rejects with the reason even if the experiment ignores it, and its copy is stopped', async () => {
    const controller = new AbortController();
    const { outcome, lines } = await run('never-ends', {
      signal: controller.signal,
      onProgress: (line) => {
        lines.push(line);
        controller.abort(new Error('stopped by the learner'));
      },
    });
    await expect(outcome).rejects.toThrow('stopped by the learner');
    expect(lines).toHaveLength(1);
    expect(await answers(lines[0]!)).toBe(false);
  });
});

describe('the database a pattern experiment runs on', () => {
  // Like serverless: PostgreSQL unless told, SQLite only with the switch that makes it one instance.
  const onPostgres = defineTopology({
    ...fixtureTopology('fixture-db'),
    infrastructure: [{ name: 'db', kind: 'database', urlEnv: 'DATABASE_URL', defaultChoice: 'postgres' }],
    options: [{ name: 'single', description: 'one instance', env: 'SINGLE', picks: { database: 'sqlite' } }],
  });

  it("when nothing is named, then it is the topology's own default", () => {
    expect(experimentDatabase(onPostgres, undefined)).toBe('postgres');
  });

  it('when a switch picks one, then it is the pick', () => {
    expect(experimentDatabase(onPostgres, undefined, { single: 'true' })).toBe('sqlite');
  });

  it('when --db names one, then it is the one named', () => {
    expect(experimentDatabase(onPostgres, 'sqlite')).toBe('sqlite');
  });

  it('when --db contradicts the switch, then the run is refused naming both', () => {
    expect(() => experimentDatabase(onPostgres, 'postgres', { single: 'true' })).toThrow(
      /--single .* --db postgres/,
    );
  });

  it("when the topology has no database, then it is the lab's default", () => {
    expect(experimentDatabase(fixtureTopology(), undefined)).toBe('sqlite');
  });
});
