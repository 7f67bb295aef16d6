import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '@journey/orchestrator';
import type { Comparison, PatternFigures } from '@journey/orchestrator/compare';
import type { StoredRun } from '@journey/orchestrator/results';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatComparison, historyLine, workloadSettings } from '../src/commands/compare.js';
import { UsageError } from '../src/usage.js';
import { journeyIn } from './journey-child.js';

function journey(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'lab/cli/src/main.ts', ...args], {
      cwd: repoRoot,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('journey compare', () => {
  it('when one of the patterns is unknown, then one line names it and the choices, before any work starts', async () => {
    const { code, stdout, stderr } = await journey('compare', 'monolith', 'hexagon', '--no-bench');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^journey compare: unknown pattern "hexagon" \(choose from: monolith, layered, hexagonal, /,
      ),
    ]);
  });
});

describe('the workload settings, given bad flags', () => {
  it.each([
    [{ shape: 'spiky' }, /--shape: unknown shape "spiky"/],
    [{ weights: 'list=x' }, /--weights: weight of list must be a number ≥ 0/],
    [{ shape: 'balanced', weights: 'list=1' }, /choose --shape or --weights, not both/],
    [{ 'logged-in': '2' }, /--logged-in must be a share from 0 to 1/],
    [{ 'logged-in': '' }, /--logged-in must be a share from 0 to 1/],
    [{ duration: '0' }, /--duration/],
  ])('when given %j, then a usage error says what is wrong', (values, message) => {
    expect(() => workloadSettings(values)).toThrow(UsageError);
    expect(() => workloadSettings(values)).toThrow(message);
  });

  it('when given weights, then the shape is custom and the weights are those given', () => {
    const settings = workloadSettings({ weights: 'list=2,publish=1', 'logged-in': '1' });
    expect(settings.shape).toBe('custom');
    expect(settings.workload).toMatchObject({ loggedInShare: 1, weights: { list: 2, publish: 1, feed: 0 } });
  });
});

// One real run of the two cheapest patterns, kept short: the figures must be there and sane, never fast.
describe('journey compare monolith layered, run for real', () => {
  const home = mkdtempSync(join(tmpdir(), 'journey-compare-'));
  let run: { code: number | null; stdout: string; stderr: string };
  let comparison: Comparison;
  beforeAll(async () => {
    run = await journeyIn(
      home,
      'compare',
      'monolith',
      'layered',
      '--duration',
      '2',
      '--warmup',
      '0',
      '--connections',
      '4',
      '--users',
      '4',
      '--articles',
      '12',
      '--json',
    );
    comparison = JSON.parse(run.stdout) as Comparison;
  });
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('when it ends, then it succeeded and showed its progress per pattern', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('[1/2] monolith');
    expect(run.stderr).toContain('[2/2] layered');
  });

  it('when the figures are read, then every workload figure is present and sane for each pattern', () => {
    for (const pattern of ['monolith', 'layered']) {
      const figures = comparison.patterns.find((p) => p.pattern === pattern)!;
      const w = figures.workload!;
      expect(w.database).toBe('sqlite');
      expect(w.requests).toBeGreaterThan(0);
      expect(w.requestsPerSecond).toBeGreaterThan(0);
      expect(w.p50Ms).toBeGreaterThan(0);
      expect(w.p95Ms).toBeGreaterThanOrEqual(w.p50Ms);
      expect(w.p99Ms).toBeGreaterThanOrEqual(w.p95Ms);
      expect(w.errorRate, w.sampleFailures.join('\n')).toBe(0);
      expect(w.processes).toBe(1);
      // A Node process with a server and SQLite loaded: more than 20 MiB, less than 2 GiB.
      expect(w.totalRssBytes).toBeGreaterThan(20 * 2 ** 20);
      expect(w.totalRssBytes).toBeLessThan(2 * 2 ** 30);
      // One process: every request crosses one hop, client → app, however it was counted.
      expect(w).toMatchObject({ hopsPerRequest: 1, deployableUnits: 1 });
      // Counted from the traces whenever the run recorded spans in its window, from the topology only when
      // it recorded none. With tracing on and no sample ratio (the lab's default) the per-second sampler
      // keeps the first traces of every second, so spans were recorded and the count is measured.
      const recordsSpans =
        (process.env.JOURNEY_TRACING ?? 'on') === 'on' && !process.env.JOURNEY_TRACE_SAMPLE_RATIO;
      if (recordsSpans || w.hopsTraces) {
        expect(w.hopsMethod).toBe('traces');
        expect(w.hopsTraces).toBeGreaterThan(0);
      } else expect(w.hopsMethod).toBe('topology');
      expect(w.linesOfCode).toBe(figures.codeLines);
      expect(w.coldStartMs).toBeUndefined();
      expect(w.propagationLagMs).toBeUndefined();
      // Both kinds of user ran: reads anonymous and signed in, writes signed in.
      expect(w.operations.list?.calls).toBeGreaterThan(0);
      expect(
        Object.keys(w.operations).some((op) => ['favorite', 'comment', 'publish', 'follow'].includes(op)),
      ).toBe(true);
    }
  });

  it('when the history is asked for, then the run is stored with its workload, machine and command', async () => {
    const history = await journeyIn(home, 'compare', '--history', '--json');
    expect(history.code, history.stderr).toBe(0);
    const [stored, ...older] = JSON.parse(history.stdout) as StoredRun<'compare'>[];
    expect(older).toEqual([]);
    expect(stored!.data.patterns.map((p) => p.pattern)).toEqual(['monolith', 'layered']);
    expect(stored!.data.command).toContain('journey compare monolith layered');
    expect(stored!.data.workload).toMatchObject({ shape: 'balanced', users: 4, articles: 12 });
    expect(stored!.machine.cores).toBeGreaterThan(0);
    expect(historyLine(stored!)).toMatch(/monolith, layered · balanced, 4 users × 2s, 50% signed in/);
  });
});

describe('the comparison table', () => {
  const figures = (pattern: string, more: Partial<PatternFigures>): PatternFigures => ({
    pattern: pattern as PatternFigures['pattern'],
    sources: ['src'],
    files: 10,
    codeLines: 100,
    structure: [],
    ...more,
  });
  const table = formatComparison({
    at: '2025-01-01T00:00:00.000Z',
    patterns: [
      figures('monolith', {
        structure: [{ unit: 'modules', names: ['articles', 'users'] }],
        topology: { processes: 1, infrastructure: { database: 1 }, edges: { http: 1, sql: 1 } },
      }),
      figures('event-driven', {
        sources: ['services', 'gateway'],
        structure: [
          { unit: 'services', names: ['a', 'b', 'c'] },
          { unit: 'events', names: ['E1', 'E2'] },
        ],
        topology: {
          processes: 4,
          infrastructure: { database: 3, broker: 1 },
          edges: { http: 4, events: 5, sql: 3 },
        },
      }),
    ],
  });
  const row = (label: string) =>
    table
      .split('\n')
      .find((line) => line.startsWith(`${label} `))
      ?.slice(label.length)
      .trim()
      .split(/\s+/);

  it('when patterns of different shapes are compared, then each structure unit is a row, with a dash where a pattern has none', () => {
    expect(row('modules')).toEqual(['2', '—']);
    expect(row('services')).toEqual(['—', '3']);
    expect(row('events')).toEqual(['—', '2']);
  });

  it('when topologies differ in kinds and protocols, then every kind and protocol is a row, zero where one is absent', () => {
    expect(row('processes²')).toEqual(['1', '4']);
    expect(row('infrastructure: broker')).toEqual(['0', '1']);
    expect(row('edges: events')).toEqual(['0', '5']);
  });

  it('when the source folders differ, then the note says which were measured for whom', () => {
    expect(table).toContain('src/ for monolith; services/ gateway/ for event-driven');
  });
});
