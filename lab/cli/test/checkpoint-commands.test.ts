import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  isRunnable,
  loadPatternManifest,
  loadPatternManifests,
  loadTopology,
  runnablePatterns,
} from '@journey/orchestrator';
import {
  type CheckCommand,
  DEFAULT_ROADMAP_DIR,
  loadRoadmap,
  parseCheckCommand,
  type Stage,
  type StageSlug,
} from '@journey/roadmap';
import { afterAll, describe, expect, it } from 'vitest';
import { benchOptions } from '../src/commands/bench.js';
import { experimentOptions } from '../src/commands/experiment.js';
import { declaredBenchFlags } from '../src/commands/pattern-bench-plan.js';
import { testOptions } from '../src/commands/test.js';
import { labCommands } from '../src/lab-commands.js';
import { declaredCommands } from '../src/pattern-commands.js';

/** The stages whose pattern is built: the real ones, or fewer, to show what an unbuilt stage is spared. */
type Built = readonly string[];

/**
 * What each lab command that records a check run accepts: its flags (the ones its parse() takes) and
 * what its positionals must name. A lab command missing here records no run, so no checkpoint can be
 * earned by it; a command that starts recording gets a line here.
 */
const recordingCommands: Record<
  string,
  { flags: () => Promise<string[]>; positionals: (words: string[], built: Built) => Promise<string[]> }
> = {
  test: {
    flags: async () => Object.keys(testOptions),
    positionals: (words, built) => patterns(words, 1, built),
  },
  // `journey check <pattern>` and `journey exercise` parse no flag at all.
  check: { flags: async () => [], positionals: (words, built) => patterns(words, 1, built) },
  bench: {
    flags: async () => [
      ...Object.keys(benchOptions),
      ...Object.keys(declaredBenchFlags(await loadPatternManifests())),
    ],
    positionals: (words, built) => patterns(words, words.length, built),
  },
  experiment: { flags: async () => Object.keys(experimentOptions), positionals: experimentProblems },
  exercise: { flags: async () => [], positionals: exerciseProblems },
};

async function patterns(words: string[], count: number, built: Built): Promise<string[]> {
  if (words.length === 0 || words.length !== count)
    return [`names ${words.length} patterns, expected ${count === 0 ? 'at least one' : count}`];
  return words
    .filter((word) => !built.includes(word))
    .map((word) => `"${word}" is not a built pattern (built: ${built.join(', ')})`);
}

async function experimentProblems([pattern, name, ...rest]: string[], built: Built): Promise<string[]> {
  if (pattern === undefined || name === undefined || rest.length > 0)
    return ['must name a pattern and one of its experiments'];
  const problems = await patterns([pattern], 1, built);
  if (problems.length > 0) return problems;
  // The topology's fault experiments and the load experiments the pattern's manifest declares.
  const declared = [
    ...((await loadTopology(pattern as StageSlug)).experiments ?? []),
    ...((await loadPatternManifest(pattern)).experiments ?? []),
  ].map((e) => e.name);
  return declared.includes(name)
    ? []
    : [`${pattern} declares no experiment "${name}" (it has ${declared.join(', ')})`];
}

async function exerciseProblems([pattern, action, ...rest]: string[], built: Built): Promise<string[]> {
  // Only `check` gives a verdict and records a run; show, start and reset earn nothing.
  if (pattern === undefined || action !== 'check' || rest.length > 0)
    return ['must be "journey exercise <pattern> check"'];
  const problems = await patterns([pattern], 1, built);
  if (problems.length > 0) return problems;
  return (await loadPatternManifest(pattern)).exercise
    ? []
    : [`patterns/${pattern}/pattern.ts declares no exercise`];
}

/**
 * Every problem with the earnedBy commands of the built stages, each naming stage, checkpoint and
 * line. An unbuilt stage's commands are the ones its future issue will provide: nothing checks them yet.
 */
async function earnedByProblems(
  stages: readonly Stage[],
  built: Built = runnablePatterns(),
): Promise<string[]> {
  const declared = await declaredCommands(Object.keys(labCommands));
  const problems: string[] = [];
  for (const stage of stages.filter((s) => built.includes(s.slug))) {
    for (const checkpoint of stage.checkpoints) {
      for (const line of checkpoint.earnedBy) {
        const parsed = parseCheckCommand(line);
        for (const problem of await commandProblems(parsed, declared, built))
          problems.push(`${stage.slug} › ${checkpoint.id}: "${line}" ${problem}`);
      }
    }
  }
  return problems;
}

async function commandProblems(
  { command, positionals, flags }: CheckCommand,
  declared: Awaited<ReturnType<typeof declaredCommands>>,
  built: Built,
): Promise<string[]> {
  const given = Object.keys(flags);
  const ofPattern = declared.find((d) => d.declaration.name === command);
  if (ofPattern) {
    // A pattern's command says what it takes only in its usage line: each word and flag must appear there.
    const usage = ofPattern.declaration.usage.split(/[\s|[\]<>]+/);
    return [
      ...positionals
        .filter((word) => !usage.includes(word))
        .map((word) => `uses "${word}", which the usage of journey ${command} does not list`),
      ...given
        .filter((flag) => !usage.includes(`--${flag}`))
        .map((flag) => `gives --${flag}, which the usage of journey ${command} does not list`),
    ];
  }
  if (!(command in labCommands)) {
    const known = [...Object.keys(recordingCommands), ...declared.map((d) => d.declaration.name)];
    return [
      `names no lab command or pattern command "${command}" (commands that record runs: ${known.join(', ')})`,
    ];
  }
  const rules = recordingCommands[command];
  if (!rules) return [`names journey ${command}, which records no check run, so nothing can earn by it`];
  const accepted = await rules.flags();
  return [
    ...(await rules.positionals(positionals, built)),
    ...given
      .filter((flag) => !accepted.includes(flag))
      .map(
        (flag) =>
          `gives --${flag}, not a flag of journey ${command} (it takes ${accepted.map((f) => `--${f}`).join(', ') || 'none'})`,
      ),
  ];
}

describe('the commands that earn checkpoints', () => {
  it('when the roadmap is read, then every stage is built and earns its checkpoints by commands that exist', async () => {
    const stages = loadRoadmap();
    expect(stages.filter((stage) => !isRunnable(stage.slug)).map((stage) => stage.slug)).toEqual([]);
    expect(await earnedByProblems(stages)).toEqual([]);
  });

  describe('on a roadmap with made-up commands', () => {
    const dir = mkdtempSync(join(tmpdir(), 'journey-earned-by-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    cpSync(DEFAULT_ROADMAP_DIR, dir, { recursive: true });
    const replace = (slug: string, from: string, to: string) => {
      const file = join(dir, `${slug}.md`);
      const text = readFileSync(file, 'utf8');
      if (!text.includes(from)) throw new Error(`fixture: ${slug}.md has no "${from}"`);
      writeFileSync(file, text.replace(from, to));
    };
    replace('monolith', '- journey test monolith', '- journey tset monolith');
    replace('monolith', '- journey check monolith', '- journey compare monolith');
    replace('monolith', '- journey bench monolith', '- journey bench monolith service-mesh --rat 5');
    replace(
      'monolith',
      'journey experiment monolith comments-down',
      'journey experiment monolith comments-up',
    );
    replace('layered', 'journey test layered', 'journey test layered --database sqlite');
    replace('layered', 'journey exercise layered check', 'journey exercise layered start');
    replace('event-driven', 'journey events verify', 'journey events verify-all --every time');
    replace('service-mesh', 'journey test service-mesh', 'journey tset service-mesh');
    // Every stage is built now: the last one plays one that is not, as each stage once was.
    const unbuilt = 'service-mesh';
    const allButOne = runnablePatterns().filter((slug) => slug !== unbuilt);

    it('when checked, then each mistake is named with its stage, checkpoint and line', async () => {
      const problems = await earnedByProblems(loadRoadmap(dir), allButOne);
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            /^monolith › contract: "journey tset monolith" names no lab command or pattern command "tset"/,
          ),
          'monolith › fitness: "journey compare monolith" names journey compare, which records no check run, so nothing can earn by it',
          expect.stringMatching(
            /^monolith › baseline: "journey bench monolith service-mesh --rat 5" "service-mesh" is not a built pattern/,
          ),
          expect.stringMatching(
            /^monolith › baseline: "journey bench monolith service-mesh --rat 5" gives --rat, not a flag of journey bench/,
          ),
          expect.stringMatching(
            /^monolith › experiment: "journey experiment monolith comments-up" monolith declares no experiment "comments-up" \(it has comments-down/,
          ),
          expect.stringMatching(
            /^layered › contract: "journey test layered --database sqlite" gives --database, not a flag of journey test \(it takes --db, --broker\)/,
          ),
          'layered › exercise: "journey exercise layered start" must be "journey exercise <pattern> check"',
          'event-driven › catalogue: "journey events verify-all --every time" uses "verify-all", which the usage of journey events does not list',
          'event-driven › catalogue: "journey events verify-all --every time" gives --every, which the usage of journey events does not list',
        ]),
      );
      expect(problems).toHaveLength(9);
    });

    it('when the stage is built, then its own commands are checked too', async () => {
      const problems = await earnedByProblems(loadRoadmap(dir));
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            /^service-mesh › contract: "journey tset service-mesh" names no lab command or pattern command "tset"/,
          ),
        ]),
      );
      // Built now, it is a pattern a bench may name: only the made-up flag is left of that line.
      expect(problems.filter((problem) => problem.includes('is not a built pattern'))).toEqual([]);
      expect(problems).toHaveLength(9);
    });
  });
});
