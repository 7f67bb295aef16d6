import { describe, expect, it } from 'vitest';
import {
  type CheckpointResult,
  formatRoadmap,
  loadRoadmap,
  openProgress,
  type StageProgress,
  type StageSlug,
  stageStatuses,
} from '../src/index.js';

const stages = loadRoadmap();
const nothingRunnable = () => false;
const at = '2024-05-01T10:00:00.000Z';
const pass = (id: string): CheckpointResult => ({ id, passed: true, at, detail: null });
const fail = (id: string): CheckpointResult => ({ id, passed: false, at, detail: 'boom' });
const idsOf = (slug: StageSlug) => stages.find((s) => s.slug === slug)!.checkpoints.map((c) => c.id);

/** A progress source without SQLite, so each rule is tested alone. */
function fakeProgress(entries: Partial<Record<StageSlug, Partial<StageProgress>>>) {
  return {
    progressOf: (slug: StageSlug): StageProgress => ({
      slug,
      done: false,
      doneAt: null,
      checkpoints: [],
      ...entries[slug],
    }),
  };
}

describe('stageStatuses', () => {
  it('when nothing is recorded and no pattern exists, then every stage is not started', () => {
    const statuses = stageStatuses(stages, fakeProgress({}), nothingRunnable);
    expect(new Set(Object.values(statuses))).toEqual(new Set(['not started']));
    expect(Object.keys(statuses)).toHaveLength(8);
  });

  it('when the pattern exists but nothing passed, then the stage is runnable', () => {
    const progress = fakeProgress({ monolith: { checkpoints: [fail('contract')] } });
    const statuses = stageStatuses(stages, progress, (slug) => slug === 'monolith');
    expect(statuses.monolith).toBe('runnable');
    expect(statuses.layered).toBe('not started');
  });

  it('when some declared checkpoints passed, then the stage is in progress, runnable or not', () => {
    const progress = fakeProgress({
      soa: { checkpoints: [pass('contract'), fail('hop-cost')] },
      layered: { checkpoints: [pass('contract')] },
    });
    const statuses = stageStatuses(stages, progress, (slug) => slug === 'layered');
    expect(statuses.soa).toBe('in progress');
    expect(statuses.layered).toBe('in progress');
  });

  it('when every declared checkpoint passed, then the stage is done without being marked', () => {
    const progress = fakeProgress({ hexagonal: { checkpoints: idsOf('hexagonal').map(pass) } });
    expect(stageStatuses(stages, progress, nothingRunnable).hexagonal).toBe('done');
  });

  it('when the learner marked the stage done, then it is done whatever the checkpoints say', () => {
    const progress = fakeProgress({
      serverless: { done: true, doneAt: at, checkpoints: [fail('contract')] },
    });
    expect(stageStatuses(stages, progress, nothingRunnable).serverless).toBe('done');
  });

  it('when only undeclared checkpoint ids passed, then they do not count', () => {
    const progress = fakeProgress({ 'service-mesh': { checkpoints: [pass('retired-check')] } });
    expect(stageStatuses(stages, progress, nothingRunnable)['service-mesh']).toBe('not started');
  });

  it('when reading from a real store, then the statuses follow what was recorded', () => {
    const store = openProgress(':memory:');
    try {
      store.markDone('monolith');
      store.recordCheckpoint('layered', 'contract', true);
      const statuses = stageStatuses(stages, store, (slug) => slug === 'hexagonal');
      expect(statuses).toMatchObject({
        monolith: 'done',
        layered: 'in progress',
        hexagonal: 'runnable',
        soa: 'not started',
      });
    } finally {
      store.close();
    }
  });
});

describe('formatRoadmap', () => {
  const statuses = stageStatuses(
    stages,
    fakeProgress({ monolith: { done: true }, layered: { checkpoints: [pass('contract')] } }),
    (slug) => slug === 'hexagonal',
  );
  const text = formatRoadmap(stages, statuses);
  const lines = text.split('\n');

  it('when printed, then there is a header and one row per stage in suggested order', () => {
    expect(lines[0]).toMatch(/^#\s+Stage\s+Difficulty\s+Status\s+Prerequisites$/);
    expect(lines.slice(2, 10).map((line) => line.split(/\s{2,}/)[1])).toEqual(stages.map((s) => s.slug));
  });

  it('when printed, then each row shows difficulty, status and prerequisites', () => {
    expect(lines[2]).toMatch(/^1\s+monolith\s+Beginner\s+done\s+-$/);
    expect(lines[3]).toMatch(/^2\s+layered\s+Intermediate\s+in progress\s+monolith$/);
    expect(lines[4]).toMatch(/^3\s+hexagonal\s+Intermediate\s+runnable\s+layered$/);
    expect(text).toMatch(/7\s+serverless\s+Intermediate\s+not started\s+hexagonal, microservices/);
  });

  it('when printed, then the suggested path and the next stage follow the table, within 80 columns', () => {
    expect(text).toMatch(/Suggested path: monolith → layered → hexagonal → soa → microservices →/);
    expect(text).toContain('Next: layered (Layered Architecture)');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('when every stage is done, then it says so instead of naming a next stage', () => {
    const allDone = Object.fromEntries(stages.map((s) => [s.slug, 'done' as const]));
    expect(formatRoadmap(stages, allDone)).toContain('Every stage is done.');
  });

  it('when printed, then it carries no ANSI colour codes', () => {
    expect(text).not.toContain('\u001b[');
  });
});
