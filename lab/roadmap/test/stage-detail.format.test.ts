import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  checkpointsSection,
  describeRun,
  formatStageDetail,
  loadRoadmap,
  openProgress,
  type ProgressStore,
  parseCheckCommand,
  stageHeaderSection,
  stageProgress,
} from '../src/index.js';

const hexagonal = loadRoadmap().find((s) => s.slug === 'hexagonal')!;
let store: ProgressStore;
beforeEach(() => {
  store = openProgress(':memory:', { now: () => new Date('2026-12-06T15:40:12.345Z') });
});
afterEach(() => store.close());

function ran(line: string, passed: boolean, detail?: string) {
  const { command, positionals, flags } = parseCheckCommand(line);
  store.recordRun({
    command,
    positionals,
    flags,
    passed,
    detail,
    code: '1bf4d28+3fa2c9e1',
    via: 'dashboard',
  });
}

function printed(): string {
  const progress = stageProgress(hexagonal, store, true);
  return formatStageDetail([
    stageHeaderSection(hexagonal, progress),
    checkpointsSection(progress.checkpoints),
  ]);
}

describe('journey roadmap <stage>', () => {
  it('when printed, then the header gives title, difficulty, status and the earned count', () => {
    ran('journey test hexagonal', true);
    const [title, summary] = printed().split('\n');
    expect(title).toBe('Hexagonal Architecture (Ports and Adapters) (hexagonal)');
    expect(summary).toBe('Intermediate · in progress (1/4) · 1 of 4 checkpoints earned');
  });

  it('when a stage is marked and partly earned, then the header says both', () => {
    ran('journey test hexagonal', true);
    store.markDone('hexagonal');
    expect(printed().split('\n')[1]).toBe('Intermediate · done (marked) · 1 of 4 checkpoints earned');
  });

  it('when printed, then each checkpoint shows its mark, description, passing rule and commands', () => {
    ran('journey test hexagonal --db sqlite', true, '57 passed, 0 failed');
    ran('journey check hexagonal', false, '2 violations');
    const text = printed();
    expect(text).toContain('Checkpoints\n  ✓ contract\n    The conformance suite');
    expect(text).toContain('  ✗ fitness\n');
    expect(text).toContain('  · exercise\n');
    expect(text).toContain('    passing: both runs end with "0 failed"\n');
    expect(text).toContain(
      '    earned by: journey test hexagonal --db sqlite\n' +
        '      passed 2026-12-06 15:40 UTC · 57 passed, 0 failed · code 1bf4d28+3fa2c9e1 · via dashboard\n' +
        '    earned by: journey test hexagonal --db postgres\n' +
        '      not run yet\n',
    );
    expect(text).toContain(
      '      failed 2026-12-06 15:40 UTC · 2 violations · code 1bf4d28+3fa2c9e1 · via dashboard',
    );
  });

  it('when printed, then no line is wider than 80 columns except a command line, and there is no colour', () => {
    const text = printed();
    for (const line of text.split('\n')) {
      if (!line.includes('earned by:')) expect(line.length, line).toBeLessThanOrEqual(80);
    }
    expect(text).not.toContain('\u001b[');
  });

  it('when a run has no detail, then the line leaves it out', () => {
    ran('journey check hexagonal', true);
    expect(describeRun(store.latestRun(parseCheckCommand('journey check hexagonal'))!)).toBe(
      'passed 2026-12-06 15:40 UTC · code 1bf4d28+3fa2c9e1 · via dashboard',
    );
  });

  it('when sections are joined, then a blank line separates them and titles head their lines', () => {
    expect(formatStageDetail([{ lines: ['a'] }, { title: 'B', lines: ['b1', 'b2'] }])).toBe(
      'a\n\nB\nb1\nb2\n',
    );
  });
});
