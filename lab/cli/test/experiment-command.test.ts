import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPatternExperiments } from '@journey/orchestrator';
import { openProgress, parseCheckCommand } from '@journey/roadmap';
import { defineTopology } from '@journey/topology';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fixtureTopology } from '../../orchestrator/test/fixtures/fixture-topology.js';
import { experiment, experimentList, runLoadExperiment } from '../src/commands/experiment.js';
import { UsageError } from '../src/usage.js';

// The orchestrator's fixture pattern: a pattern.ts declaring load experiments over the fixture topology.
const patternFolder = join(
  import.meta.dirname,
  '..',
  '..',
  'orchestrator',
  'test',
  'fixtures',
  'patterns',
  'fixture',
);
const progressDb = join(mkdtempSync(join(tmpdir(), 'journey-experiment-command-')), 'progress.sqlite');

const topology = defineTopology({
  ...fixtureTopology(),
  options: [{ name: 'flavour', description: 'a flavour', env: 'FLAVOUR', choices: ['first', 'second'] }],
  experiments: [
    {
      name: 'front-killed',
      title: 'Kills front',
      fault: { kind: 'kill', processes: ['front'] },
      expect: {},
      lesson: 'front serves everything',
    },
  ],
});

function captured() {
  const out: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
  vi.spyOn(console, 'error').mockImplementation(() => {});
  return out;
}

const latestRecorded = (line: string) => {
  const store = openProgress(progressDb);
  try {
    return store.latestRun(parseCheckCommand(line));
  } finally {
    store.close();
  }
};

describe('journey experiment with load experiments a pattern.ts declares', () => {
  beforeAll(() => {
    process.env.JOURNEY_PROGRESS_DB = progressDb;
  });
  afterEach(() => vi.restoreAllMocks());

  it('when the pattern alone is named, then both kinds are listed with what they do', async () => {
    const list = experimentList(topology, await loadPatternExperiments(topology, patternFolder));
    expect(list.split('\n')).toEqual([
      "fixture's experiments (journey experiment fixture <name>):",
      '  front-killed  fault  Kills front',
      '  two-copies    load   Starts two copies and leaves them running',
      '  throws        load   Starts a copy, then throws',
      '  never-ends    load   Starts a copy and waits for ever',
    ]);
  });

  it('when one runs, then its text, verdict and lesson are printed, it exits 0 on held and the run is recorded with its flags', async () => {
    const out = captured();
    const [declaration] = await loadPatternExperiments(topology, patternFolder);
    const code = await runLoadExperiment({
      topology,
      patternFolder,
      declaration: declaration!,
      db: undefined,
      options: { flavour: 'first' },
    });
    expect(code).toBe(0);
    const printed = out.join('\n');
    expect(printed).toContain('fixture · two-copies: Starts two copies and leaves them running');
    expect(printed).toContain('200 200');
    expect(printed).toContain('✓ 2 copies answered on sqlite');
    expect(printed).toContain('each copy is its own');
    expect(latestRecorded('journey experiment fixture two-copies --db sqlite --flavour first')).toMatchObject(
      {
        passed: true,
        detail: '2 copies answered on sqlite',
      },
    );
  });

  it('when one throws, then the error reaches the command and nothing is recorded as passed', async () => {
    captured();
    const declaration = (await loadPatternExperiments(topology, patternFolder)).find(
      (d) => d.name === 'throws',
    )!;
    await expect(
      runLoadExperiment({ topology, patternFolder, declaration, db: 'sqlite', options: {} }),
    ).rejects.toThrow('the experiment broke');
    expect(latestRecorded('journey experiment fixture throws')).toBeNull();
  });

  it('when a switch contradicts --db, then it is a usage error before anything starts', async () => {
    const refused = experiment(['serverless', 'cold-start-storm', '--db', 'postgres', '--single']);
    await expect(refused).rejects.toBeInstanceOf(UsageError);
    await expect(refused).rejects.toThrow(/--single .* --db postgres/);
  });

  it("when a load experiment is given a fault experiment's flag, then it is a usage error", async () => {
    await expect(experiment(['serverless', 'cold-start-storm', '--fault-seconds', '3'])).rejects.toThrow(
      /starts its own copies; --broker and --fault-seconds do not apply/,
    );
  });
});
