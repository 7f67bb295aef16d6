import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  checkpointResults,
  earnedCount,
  formatRoadmap,
  loadRoadmap,
  nextStage,
  openProgress,
  type ProgressStore,
  parseCheckCommand,
  roadmapProgress,
  type Stage,
  type StageSlug,
  stageStatuses,
} from '../src/index.js';

const stages = loadRoadmap();
const stageOf = (slug: StageSlug) => stages.find((s) => s.slug === slug)!;
const nothingRunnable = () => false;

let store: ProgressStore;
let clock: Date;
beforeEach(() => {
  clock = new Date('2024-05-01T10:00:00.000Z');
  store = openProgress(':memory:', { now: () => clock });
});
afterEach(() => store.close());

/** Records a run of `line` as its command would, one minute after the previous one. */
function ran(line: string, passed: boolean, detail?: string) {
  const { command, positionals, flags } = parseCheckCommand(line);
  store.recordRun({ command, positionals, flags, passed, detail, code: 'abc1234' });
  clock = new Date(clock.getTime() + 60_000);
}

/** Every earnedBy command of the stage run once, passing. */
function earnAll(stage: Stage) {
  for (const checkpoint of stage.checkpoints) for (const line of checkpoint.earnedBy) ran(line, true);
}

describe('checkpointResults', () => {
  it('when none of its commands ran, then a checkpoint has no result', () => {
    expect(checkpointResults(stageOf('monolith'), store).map((c) => c.result)).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });

  it('when its command ran and passed, then the checkpoint passed with that run', () => {
    ran('journey test monolith', true, '57 passed, 0 failed');
    const [contract] = checkpointResults(stageOf('monolith'), store);
    expect(contract).toMatchObject({
      id: 'contract',
      earnedBy: ['journey test monolith'],
      result: {
        passed: true,
        at: '2024-05-01T10:00:00.000Z',
        detail: '57 passed, 0 failed',
        code: 'abc1234',
        via: 'cli',
        missing: [],
      },
    });
    expect(contract!.result!.runs).toHaveLength(1);
  });

  it('when only one of two commands ran, then the checkpoint is not passed and names the missing one', () => {
    ran('journey test hexagonal --db sqlite', true);
    const swap = checkpointResults(stageOf('hexagonal'), store).find((c) => c.id === 'adapter-swap')!;
    expect(swap.result).toMatchObject({
      passed: false,
      detail: 'not run yet: journey test hexagonal --db postgres',
      missing: ['journey test hexagonal --db postgres'],
    });
  });

  it('when both commands ran and one failed, then the failing run explains the verdict', () => {
    ran('journey test hexagonal --db sqlite', true, '57 passed, 0 failed');
    ran('journey test hexagonal --db postgres', false, '2 failed');
    ran('journey test hexagonal --db sqlite', true, '57 passed, 0 failed');
    const swap = checkpointResults(stageOf('hexagonal'), store).find((c) => c.id === 'adapter-swap')!;
    expect(swap.result).toMatchObject({ passed: false, detail: '2 failed', missing: [] });
    expect(swap.result!.runs.map((r) => r.command)).toEqual(swap.earnedBy);
  });

  it('when both commands ran and passed, then the checkpoint passed with the latest run', () => {
    ran('journey test hexagonal --db postgres', true, 'on postgres');
    ran('journey test hexagonal --db sqlite', true, 'on sqlite');
    const swap = checkpointResults(stageOf('hexagonal'), store).find((c) => c.id === 'adapter-swap')!;
    expect(swap.result).toMatchObject({ passed: true, detail: 'on sqlite', at: '2024-05-01T10:01:00.000Z' });
  });

  it('when a command passed and then failed, then the checkpoint no longer counts', () => {
    ran('journey check monolith', true);
    ran('journey check monolith', false, 'articles imports users/internal');
    const fitness = checkpointResults(stageOf('monolith'), store).find((c) => c.id === 'fitness')!;
    expect(fitness.result).toMatchObject({ passed: false, detail: 'articles imports users/internal' });
  });

  it('when counted, then earned checkpoints of the total are given', () => {
    ran('journey test monolith', true);
    ran('journey check monolith', false);
    expect(earnedCount(checkpointResults(stageOf('monolith'), store))).toEqual({ earned: 1, total: 4 });
  });
});

describe('stageStatuses', () => {
  it('when nothing is recorded and no pattern exists, then every stage is not started', () => {
    const statuses = stageStatuses(stages, store, nothingRunnable);
    expect(new Set(Object.values(statuses))).toEqual(new Set(['not started']));
    expect(Object.keys(statuses)).toHaveLength(8);
  });

  it('when the pattern exists but nothing passed, then the stage is runnable', () => {
    ran('journey test monolith', false, '3 failed');
    const statuses = stageStatuses(stages, store, (slug) => slug === 'monolith');
    expect(statuses.monolith).toBe('runnable');
    expect(statuses.layered).toBe('not started');
  });

  it('when some checkpoints passed, then the stage is in progress, runnable or not', () => {
    ran('journey test soa', true);
    ran('journey bench microservices monolith', true);
    const statuses = stageStatuses(stages, store, (slug) => slug === 'microservices');
    expect(statuses.soa).toBe('in progress');
    expect(statuses.microservices).toBe('in progress');
    // The same run is the monolith's baseline too: one bench of two patterns measures both.
    expect(statuses.monolith).toBe('in progress');
  });

  it('when every checkpoint passed, then the stage is done (earned) without being marked', () => {
    earnAll(stageOf('monolith'));
    expect(stageStatuses(stages, store, nothingRunnable).monolith).toBe('done (earned)');
  });

  it('when the learner marked the stage done, then it is done (marked) whatever the checkpoints say', () => {
    ran('journey test serverless', false);
    store.markDone('serverless');
    expect(stageStatuses(stages, store, nothingRunnable).serverless).toBe('done (marked)');
  });

  it('when marked and earned, then earned wins; when unmarked, then it stays earned', () => {
    earnAll(stageOf('layered'));
    store.markDone('layered');
    expect(stageStatuses(stages, store, nothingRunnable).layered).toBe('done (earned)');
    store.markNotDone('layered');
    expect(stageStatuses(stages, store, nothingRunnable).layered).toBe('done (earned)');
  });

  it('when a run has flags the checkpoint does not name, then it still earns it', () => {
    ran('journey test event-driven --db postgres --broker nats', true);
    const progress = roadmapProgress(stages, store, nothingRunnable)['event-driven']!;
    expect(progress.checkpoints.find((c) => c.id === 'contract')!.result?.passed).toBe(true);
    expect(progress).toMatchObject({ status: 'in progress', earned: 1, total: 4 });
  });
});

describe('nextStage', () => {
  it('when stages are done either way, then the next is the first along the path that is not', () => {
    earnAll(stageOf('monolith'));
    store.markDone('layered');
    expect(nextStage(stages, stageStatuses(stages, store, nothingRunnable))?.slug).toBe('hexagonal');
  });
});

describe('formatRoadmap', () => {
  function printed() {
    const text = formatRoadmap(
      stages,
      roadmapProgress(stages, store, (slug) => slug === 'hexagonal'),
    );
    return { text, lines: text.split('\n') };
  }

  it('when printed, then there is a header and one row per stage in suggested order', () => {
    const { lines } = printed();
    expect(lines[0]).toMatch(/^#\s+Stage\s+Difficulty\s+Status\s+Prerequisites$/);
    expect(lines.slice(2, 10).map((line) => line.split(/\s{2,}/)[1])).toEqual(stages.map((s) => s.slug));
  });

  it('when printed, then each row shows difficulty, status with earned counts, and prerequisites', () => {
    earnAll(stageOf('monolith'));
    ran('journey test layered', true);
    ran('journey check layered', true);
    store.markDone('soa');
    const { text, lines } = printed();
    expect(lines[2]).toMatch(/^1\s+monolith\s+Beginner\s+done \(earned\)\s+-$/);
    expect(lines[3]).toMatch(/^2\s+layered\s+Intermediate\s+in progress \(2\/4\)\s+monolith$/);
    expect(lines[4]).toMatch(/^3\s+hexagonal\s+Intermediate\s+runnable\s+layered$/);
    expect(lines[5]).toMatch(/^4\s+soa\s+Intermediate\s+done \(marked\)\s+monolith$/);
    expect(text).toMatch(/7\s+serverless\s+Intermediate\s+not started\s+hexagonal, microservices/);
  });

  it('when printed, then the suggested path and the next stage follow the table, within 80 columns', () => {
    earnAll(stageOf('monolith'));
    const { text, lines } = printed();
    expect(text).toMatch(/Suggested path: monolith → layered → hexagonal → soa → microservices →/);
    expect(text).toContain('Next: layered (Layered Architecture)');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('when every stage is done, earned or marked, then it says so instead of naming a next stage', () => {
    earnAll(stageOf('monolith'));
    for (const stage of stages.slice(1)) store.markDone(stage.slug);
    expect(printed().text).toContain('Every stage is done.');
  });

  it('when printed, then it carries no ANSI colour codes', () => {
    expect(printed().text).not.toContain('\u001b[');
  });
});
