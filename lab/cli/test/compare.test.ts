import { spawn } from 'node:child_process';
import { repoRoot } from '@journey/orchestrator';
import type { PatternFigures } from '@journey/orchestrator/compare';
import { describe, expect, it } from 'vitest';
import { formatComparison } from '../src/commands/compare.js';

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
