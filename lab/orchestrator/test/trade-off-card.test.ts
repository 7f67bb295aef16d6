import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildTradeOffCard,
  CARD_END,
  CARD_START,
  CardMarkersError,
  type ChaosRun,
  type CompareRun,
  type MachineInfo,
  type StoredRun,
  saveRun,
  storedRuns,
  tradeOffCardMarkdown,
  tradeOffCards,
  type WorkloadFigures,
  withTradeOffCard,
} from '../src/results/index.js';

const laptop: MachineInfo = {
  hostname: 'laptop',
  os: 'linux 6.1.0 x64',
  cpu: 'AMD EPYC 7B13',
  cores: 2,
  memoryBytes: 8 * 2 ** 30,
  node: 'v20.19.0',
};
const desktop: MachineInfo = { ...laptop, hostname: 'desktop', cores: 16 };

const figures = (pattern: string, overrides: Partial<WorkloadFigures> = {}): WorkloadFigures => ({
  pattern,
  requestsPerSecond: 1_000,
  p50Ms: 5,
  p95Ms: 15,
  p99Ms: 40,
  errorRate: 0,
  processes: 1,
  totalRssBytes: 200 * 2 ** 20,
  hopsPerRequest: 1,
  linesOfCode: 900,
  deployableUnits: 1,
  ...overrides,
});

const compareRun = (
  at: string,
  patterns: WorkloadFigures[],
  machine = laptop,
  command?: string,
): StoredRun<'compare'> => ({
  at,
  machine,
  data: {
    ...(command && { command }),
    workload: { shape: 'balanced', users: 20 },
    database: 'sqlite',
    patterns,
  },
});

const chaos = (
  pattern: string,
  fault: ChaosRun['fault'],
  verdict: ChaosRun['verdict'] = 'confirmed',
): ChaosRun => ({
  pattern,
  fault,
  hypothesis: `${fault.kind} ${fault.target}: the rest keeps serving`,
  availabilityDuring: verdict === 'confirmed' ? 0.75 : 0.1,
  p99DuringMs: 120,
  invariants: [
    { name: 'no acknowledged write lost', held: true, detail: '40 of 40 found' },
    { name: 'counts exact', held: verdict === 'confirmed', detail: 'favorites count' },
  ],
  verdict,
  ...(verdict === 'refuted' && { because: 'favorites counted twice' }),
});

const chaosRun = (at: string, data: ChaosRun, machine = laptop): StoredRun<'chaos'> => ({
  at,
  machine,
  data,
});

/** Three patterns measured together: the monolith, a slower microservices, and serverless with its cold start. */
const threePatterns = compareRun(
  '2026-12-07T10:00:00.000Z',
  [
    figures('monolith'),
    figures('microservices', {
      requestsPerSecond: 450,
      p99Ms: 90,
      errorRate: 0.002,
      processes: 5,
      totalRssBytes: 700 * 2 ** 20,
      hopsPerRequest: 2,
      linesOfCode: 2_700,
      deployableUnits: 5,
    }),
    figures('serverless', { requestsPerSecond: 450, processes: 2, deployableUnits: 7, coldStartMs: 310 }),
  ],
  laptop,
  'journey compare monolith microservices serverless --duration 10',
);

const figureOf = (card: ReturnType<typeof buildTradeOffCard>, label: string) =>
  card.compare?.figures.find((figure) => figure.label === label);

describe('trade-off card', () => {
  it('when nothing was run, then the card has no figures and says which commands measure them', () => {
    const card = buildTradeOffCard('hexagonal', [], []);
    expect(card).toMatchObject({ pattern: 'hexagonal', compare: null, chaos: [], notes: [] });
    expect(card.missing).toEqual([
      { what: 'no compare run includes hexagonal yet', command: 'journey compare all' },
      {
        what: 'no chaos run yet (journey chaos hexagonal alone lists what can be broken, and the hypotheses)',
        command: 'journey chaos hexagonal kill|latency|drop|away <target> …',
      },
    ]);
    expect(tradeOffCardMarkdown(card)).toBe(
      'No runs yet: run `journey compare all` and `journey chaos hexagonal …`, then `journey cards --write`.',
    );
  });

  it('when a compare run measured it, then each figure is ranked in that run and set against the monolith', () => {
    const card = buildTradeOffCard('microservices', [threePatterns], []);
    expect(card.compare).toMatchObject({
      at: threePatterns.at,
      when: '2026-12-07 10:00 UTC',
      on: 'laptop (AMD EPYC 7B13, 2 cores, 8.0 GiB, linux 6.1.0 x64, Node v20.19.0)',
      command: 'journey compare monolith microservices serverless --duration 10',
      patterns: ['monolith', 'microservices', 'serverless'],
    });
    expect(card.compare).not.toHaveProperty('newerRunWithout');
    // Tied with serverless on throughput: both 2nd, behind the monolith.
    expect(figureOf(card, 'throughput')).toMatchObject({
      shown: '450 req/s',
      rank: 2,
      of: 3,
      rankShown: '2nd of 3',
      timesReferenceShown: '×0.45',
    });
    expect(figureOf(card, 'p99 latency')).toMatchObject({ shown: '90 ms', rankShown: '3rd of 3' });
    expect(figureOf(card, 'memory (RSS, all processes)')).toMatchObject({
      shown: '700 MiB',
      timesReferenceShown: '×3.5',
    });
    // The monolith made no errors: there is nothing to divide by.
    expect(figureOf(card, 'error rate')).toMatchObject({ shown: '0.20 %', timesReferenceShown: '–' });
    expect(figureOf(card, 'error rate')).not.toHaveProperty('timesReference');
    expect(figureOf(card, 'cold start')).toBeUndefined();
    expect(card.compare!.figures.map((figure) => figure.label)).toEqual([
      'throughput',
      'p99 latency',
      'error rate',
      'memory (RSS, all processes)',
      'processes',
      'network hops per request',
      'deployable units',
      'lines of code',
    ]);

    const monolith = buildTradeOffCard('monolith', [threePatterns], []);
    expect(figureOf(monolith, 'throughput')).toMatchObject({
      rankShown: '1st of 3',
      timesReferenceShown: 'reference',
    });
    expect(figureOf(monolith, 'throughput')).not.toHaveProperty('timesReference');

    // Only serverless has a cold start: ranked among the patterns that have one.
    const serverless = buildTradeOffCard('serverless', [threePatterns], []);
    expect(figureOf(serverless, 'cold start')).toMatchObject({ shown: '310 ms', rankShown: '1st of 1' });
  });

  it('when the newest compare run left the pattern out, then the card takes the latest run that has it and says so', () => {
    const newer = compareRun('2026-12-08T09:30:00.000Z', [
      figures('monolith', { requestsPerSecond: 2_000 }),
      figures('layered', { requestsPerSecond: 1_000 }),
    ]);
    const runs = [newer, threePatterns];
    const micro = buildTradeOffCard('microservices', runs, []);
    expect(micro.compare).toMatchObject({ at: threePatterns.at, newerRunWithout: newer.at });
    expect(micro.notes).toContain(
      'The newest compare run (2026-12-08 09:30 UTC) left this pattern out: these figures are from an older one.',
    );
    const layered = buildTradeOffCard('layered', runs, []);
    expect(layered.compare).toMatchObject({
      at: newer.at,
      command: 'journey compare monolith layered',
      patterns: ['monolith', 'layered'],
    });
    expect(figureOf(layered, 'throughput')).toMatchObject({
      rankShown: '2nd of 2',
      timesReferenceShown: '×0.50',
    });
    expect(layered.notes).toEqual([]);
  });

  it('when a compare run measured the pattern alone, then the card says there is nothing to rank it against', () => {
    const alone = compareRun('2026-12-08T09:30:00.000Z', [figures('layered')]);
    const card = buildTradeOffCard('layered', [alone], []);
    expect(figureOf(card, 'throughput')).toMatchObject({ rankShown: '1st of 1', timesReferenceShown: '–' });
    expect(card.notes).toEqual([
      'Its compare run measured this pattern alone: there is nothing to rank it against.',
    ]);
  });

  it('when chaos ran several times on several machines, then the card keeps the latest run of each kind and says where each was measured', () => {
    const runs = [
      chaosRun(
        '2026-12-08T12:00:00.000Z',
        chaos('microservices', { kind: 'away', target: 'database', seconds: 5 }, 'refuted'),
        desktop,
      ),
      chaosRun('2026-12-08T11:00:00.000Z', chaos('microservices', { kind: 'kill', target: 'articles' })),
      // Older, and of another pattern: neither shows.
      chaosRun(
        '2026-12-08T10:00:00.000Z',
        chaos('microservices', { kind: 'kill', target: 'users' }, 'refuted'),
      ),
      chaosRun(
        '2026-12-08T10:00:00.000Z',
        chaos('monolith', { kind: 'latency', target: 'database', ms: 200 }),
      ),
    ];
    const card = buildTradeOffCard('microservices', [threePatterns], runs);
    expect(card.chaos.map(({ kind, target, verdict }) => ({ kind, target, verdict }))).toEqual([
      { kind: 'kill', target: 'articles', verdict: 'confirmed' },
      { kind: 'away', target: 'database', verdict: 'refuted' },
    ]);
    expect(card.chaos[0]).toMatchObject({
      availabilityShown: '75.0 %',
      p99Shown: '120 ms',
      brokenInvariants: [],
      // No command line was stored: the card writes the one the fault stands for.
      command: 'journey chaos microservices kill articles',
    });
    expect(card.chaos[1]).toMatchObject({
      command: 'journey chaos microservices away database --seconds 5',
      because: 'favorites counted twice',
      brokenInvariants: ['counts exact'],
      on: 'desktop (AMD EPYC 7B13, 16 cores, 8.0 GiB, linux 6.1.0 x64, Node v20.19.0)',
    });
    expect(card.notes).toEqual(['Measured on another machine than the compare run: the away chaos run.']);
    expect(card.missing).toEqual([
      { what: 'no latency, drop run yet', command: 'journey chaos microservices latency|drop <target> …' },
    ]);

    const markdown = tradeOffCardMarkdown(card);
    expect(markdown).toContain(
      '| kill | articles | confirmed | 75.0 % | 120 ms | 2026-12-08 11:00 UTC on laptop | `journey chaos microservices kill articles` |',
    );
    expect(markdown).toContain('- away database refuted: favorites counted twice (broken: counts exact).');
    expect(markdown).toContain(
      '- Chaos measured on desktop (AMD EPYC 7B13, 16 cores, 8.0 GiB, linux 6.1.0 x64, Node v20.19.0).',
    );
    expect(markdown).toContain('| throughput | 450 req/s | 2nd of 3 | ×0.45 |');
    expect(markdown).toContain(
      '- no latency, drop run yet: `journey chaos microservices latency|drop <target> …`',
    );
    expect(markdown).toContain('**Workload**: measured 2026-12-07 10:00 UTC on laptop (');
  });

  describe('from the runs stored under the data directory', () => {
    const root = mkdtempSync(join(tmpdir(), 'journey-cards-'));
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    it('when runs were saved, then the cards are built from the newest of them', async () => {
      const older: CompareRun = { workload: {}, database: 'sqlite', patterns: [figures('monolith')] };
      saveRun('compare', older, root);
      // A later time than the first run's, so the store's order (by time) is certain.
      const first = storedRuns('compare', root)[0]!.at;
      while (new Date().toISOString() === first) await new Promise((resolve) => setTimeout(resolve, 1));
      const newer: CompareRun = {
        command: 'journey compare all',
        workload: { shape: 'read-heavy' },
        database: 'postgres',
        patterns: [figures('monolith', { requestsPerSecond: 3_000 }), figures('layered')],
      };
      const saved = saveRun('compare', newer, root);
      saveRun('chaos', chaos('layered', { kind: 'drop', target: 'database', share: 0.3 }), root);

      const [monolith, layered, soa] = tradeOffCards(['monolith', 'layered', 'soa'], root);
      expect(monolith!.compare).toMatchObject({
        at: saved.at,
        command: 'journey compare all',
        database: 'postgres',
      });
      expect(figureOf(monolith!, 'throughput')?.shown).toBe('3,000 req/s');
      expect(layered!.chaos).toMatchObject([
        { kind: 'drop', command: 'journey chaos layered drop database --share 0.3', machine: saved.machine },
      ]);
      expect(soa).toMatchObject({ compare: null, chaos: [] });
    });
  });
});

describe('the README section', () => {
  const readme = [
    '# Monolith',
    '',
    '## Trade-off card',
    '',
    CARD_START,
    'No runs yet.',
    CARD_END,
    '',
    '## Trade-offs, measured\r',
    'Untouched text, with a trailing space ',
    '',
  ].join('\n');

  it('when the card is written twice, then the second write changes nothing and every byte outside the markers is kept', () => {
    const once = withTradeOffCard(readme, '| figure | monolith |\n|---|---:|');
    expect(withTradeOffCard(once, '| figure | monolith |\n|---|---:|')).toBe(once);
    const [before, after] = readme.split(/<!-- trade-off-card:start -->[\s\S]*<!-- trade-off-card:end -->/);
    expect(once.startsWith(`${before}${CARD_START}\n`)).toBe(true);
    expect(once.endsWith(`${CARD_END}${after}`)).toBe(true);
    expect(once).toContain('\n\n| figure | monolith |\n|---|---:|\n\n<!-- trade-off-card:end -->');
    // A new card replaces the old one rather than adding to it.
    const again = withTradeOffCard(once, 'No runs yet: run it.');
    expect(again).not.toContain('| figure |');
    expect(again.split(CARD_START)).toHaveLength(2);
  });

  it('when the markers are missing, doubled or reversed, then it refuses and names the file', () => {
    for (const broken of [
      '# No markers\n',
      `${CARD_START}\n${CARD_END}\n${CARD_START}\n${CARD_END}\n`,
      `${CARD_END}\n${CARD_START}\n`,
    ]) {
      expect(() => withTradeOffCard(broken, 'card', 'patterns/x/README.md')).toThrow(CardMarkersError);
    }
    expect(() => withTradeOffCard('# No markers\n', 'card', 'patterns/x/README.md')).toThrow(
      /^patterns\/x\/README\.md: needs one "<!-- trade-off-card:start -->"/,
    );
  });
});
