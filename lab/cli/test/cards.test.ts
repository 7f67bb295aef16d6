import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '@journey/orchestrator';
import {
  CARD_END,
  CARD_START,
  saveRun,
  tradeOffCards,
  type WorkloadFigures,
} from '@journey/orchestrator/results';
import { PATTERN_SLUGS } from '@journey/orchestrator/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTradeOffCards } from '../src/commands/cards.js';
import { journeyIn } from './journey-child.js';

/**
 * `journey cards`: the cards printed from runs stored in a fresh data directory, and `--write` on a
 * copy of the repository's own READMEs (the checkout's are never written by a test).
 */

const figures = (pattern: string, requestsPerSecond: number): WorkloadFigures => ({
  pattern,
  requestsPerSecond,
  p50Ms: 4,
  p95Ms: 12,
  p99Ms: 30,
  errorRate: 0,
  processes: 1,
  totalRssBytes: 180 * 2 ** 20,
  hopsPerRequest: 1,
  linesOfCode: 900,
  deployableUnits: 1,
});

/** What the README holds outside its markers: a write must leave it byte for byte. */
const outsideMarkers = (readme: string) => [
  readme.slice(0, readme.indexOf(CARD_START)),
  readme.slice(readme.indexOf(CARD_END)),
];

describe('journey cards', () => {
  let home: string;
  let copy: string;
  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'journey-cards-home-'));
    copy = mkdtempSync(join(tmpdir(), 'journey-cards-readmes-'));
    for (const slug of PATTERN_SLUGS) {
      mkdirSync(join(copy, 'patterns', slug), { recursive: true });
      cpSync(join(repoRoot, 'patterns', slug, 'README.md'), join(copy, 'patterns', slug, 'README.md'));
    }
    saveRun(
      'compare',
      {
        command: 'journey compare monolith layered --duration 10',
        workload: { shape: 'balanced' },
        database: 'sqlite',
        patterns: [figures('monolith', 2_000), figures('layered', 1_500)],
      },
      home,
    );
    saveRun(
      'chaos',
      {
        pattern: 'monolith',
        fault: { kind: 'kill', target: 'app' },
        hypothesis: 'one process: nothing answers until it is restarted',
        availabilityDuring: 0,
        p99DuringMs: 2,
        invariants: [{ name: 'no acknowledged write lost', held: true, detail: '12 of 12 found' }],
        verdict: 'confirmed',
      },
      home,
    );
  });
  afterAll(() => {
    rmSync(home, { recursive: true, force: true });
    rmSync(copy, { recursive: true, force: true });
  });

  it('when runs are stored, then it prints each named card from them', async () => {
    const { code, stdout, stderr } = await journeyIn(home, 'cards', 'monolith', 'soa');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('## monolith\n\n**Workload**: measured ');
    expect(stdout).toContain('by `journey compare monolith layered --duration 10` (shape balanced)');
    expect(stdout).toContain('| throughput | 2,000 req/s | 1st of 2 | reference |');
    expect(stdout).toContain('| kill | app | confirmed | 0.0 % | 2.0 ms |');
    expect(stdout).toContain(
      '- no latency, drop, away run yet: `journey chaos monolith latency|drop|away <target> …`',
    );
    expect(stdout).toContain(
      '## soa\n\nNo runs yet: run `journey compare all` and `journey chaos soa …`, then `journey cards --write`.',
    );
    expect(stdout).not.toContain('## layered');
  });

  it('when a pattern is unknown or a flag is wrong, then one line says so and it exits 2', async () => {
    const unknown = await journeyIn(home, 'cards', 'monolith', 'mainframe');
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toMatch(/^journey cards: unknown pattern "mainframe" \(choose from: monolith, /);
    const flag = await journeyIn(home, 'cards', '--rewrite');
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/^journey cards: Unknown option '--rewrite'/);
  });

  it('when the cards are written into the READMEs twice, then the second write changes nothing and only the marked sections differ from the originals', () => {
    const originals = PATTERN_SLUGS.map((slug) =>
      readFileSync(join(copy, 'patterns', slug, 'README.md'), 'utf8'),
    );
    const built = tradeOffCards(PATTERN_SLUGS, home);
    const first = writeTradeOffCards(built, copy);
    // The two measured here change whatever the checkout's cards say (they hold the last session's runs,
    // or the placeholder); the others become the placeholder, which they may already be.
    expect(first.filter((file) => file.changed).map((file) => file.file)).toEqual(
      expect.arrayContaining([
        join(copy, 'patterns', 'monolith', 'README.md'),
        join(copy, 'patterns', 'layered', 'README.md'),
      ]),
    );
    PATTERN_SLUGS.forEach((slug, i) => {
      const written = readFileSync(join(copy, 'patterns', slug, 'README.md'), 'utf8');
      expect(outsideMarkers(written)).toEqual(outsideMarkers(originals[i]!));
    });
    const monolith = readFileSync(join(copy, 'patterns', 'monolith', 'README.md'), 'utf8');
    expect(monolith).toContain('| throughput | 2,000 req/s | 1st of 2 | reference |');

    const second = writeTradeOffCards(tradeOffCards(PATTERN_SLUGS, home), copy);
    expect(second.filter((file) => file.changed)).toEqual([]);
    expect(readFileSync(join(copy, 'patterns', 'monolith', 'README.md'), 'utf8')).toBe(monolith);
  });

  it('when one README lost its markers, then the write names it and no README is written', () => {
    const soa = join(copy, 'patterns', 'soa', 'README.md');
    const layered = join(copy, 'patterns', 'layered', 'README.md');
    writeFileSync(soa, '# SOA without a card\n');
    writeFileSync(layered, readFileSync(layered, 'utf8').replace('| throughput |', '| edited by hand |'));
    const before = readFileSync(layered, 'utf8');
    expect(() => writeTradeOffCards(tradeOffCards(PATTERN_SLUGS, home), copy)).toThrow(
      /^patterns\/soa\/README\.md: needs one "<!-- trade-off-card:start -->"/,
    );
    expect(readFileSync(layered, 'utf8')).toBe(before);
  });
});
