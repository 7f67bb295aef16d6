import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CompareRun, saveRun, type WorkloadFigures } from '@journey/orchestrator/results';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningDashboard } from '../src/server/start-dashboard.js';
import { recordingLab } from './fake-lab.js';
import { chromiumMissing, launchChromium, SCREENSHOTS, skipReason } from './headless-chromium.js';

/**
 * The compare view's workload charts over two stored `journey compare` runs (written with saveRun, as
 * the command writes them): the latest is drawn when the view opens, the earlier one when picked.
 * No pattern is started: the figures are the stored ones.
 */

const SLOW = 120_000;

const figures = (
  pattern: string,
  requestsPerSecond: number,
  more: Partial<WorkloadFigures> = {},
): WorkloadFigures => ({
  pattern,
  requestsPerSecond,
  p50Ms: 4,
  p95Ms: 9,
  p99Ms: 15,
  errorRate: 0,
  processes: 1,
  totalRssBytes: 150 * 2 ** 20,
  hopsPerRequest: 1,
  linesOfCode: 800,
  deployableUnits: 1,
  ...more,
});

const run = (patterns: WorkloadFigures[]): CompareRun => ({
  command: 'journey compare',
  workload: { shape: 'balanced', workload: { connections: 20, durationSec: 10, loggedInShare: 0.5 } },
  database: 'sqlite',
  patterns,
});

describe.skipIf(chromiumMissing)(`the compare view's workload charts, in Chromium${skipReason}`, () => {
  let home: string;
  let dashboard: RunningDashboard;
  let browser: Browser;
  let page: Page;
  const savedHome = process.env.JOURNEY_HOME;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'journey-compare-runs-test-'));
    process.env.JOURNEY_HOME = home;
    saveRun('compare', run([figures('monolith', 1111), figures('layered', 999)]), home);
    // Later, so newest: the one drawn first.
    await new Promise((resolve) => setTimeout(resolve, 5));
    saveRun(
      'compare',
      run([
        figures('monolith', 2222),
        figures('event-driven', 444, {
          processes: 6,
          hopsPerRequest: 2,
          propagationLagMs: 12.5,
          errorRate: 0.0125,
        }),
      ]),
      home,
    );
    const { lab } = recordingLab();
    const { startDashboard } = await import('../src/server/start-dashboard.js');
    dashboard = await startDashboard({ port: 0, lab });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await dashboard?.close();
    if (savedHome === undefined) delete process.env.JOURNEY_HOME;
    else process.env.JOURNEY_HOME = savedHome;
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('when the runs are asked for over HTTP, then both come back newest first with their machine', async () => {
    const response = await fetch(new URL('/api/compare/runs', dashboard.url));
    expect(response.status).toBe(200);
    const { runs } = (await response.json()) as {
      runs: Array<{ at: string; machine: unknown; data: CompareRun }>;
    };
    expect(runs.map((r) => r.data.patterns.map((p) => p.pattern))).toEqual([
      ['monolith', 'event-driven'],
      ['monolith', 'layered'],
    ]);
    expect(runs[0]!.machine).toMatchObject({ cores: expect.any(Number) });
  });

  it('when the compare view opens, then the latest run is charted, with a chart for its propagation lag', {
    timeout: SLOW,
  }, async () => {
    const url = new URL(dashboard.url);
    url.hash = '#/compare';
    await page.goto(url.href);
    const charts = page.locator('.workload-charts svg');
    await charts.first().waitFor({ timeout: SLOW });
    const labels = await charts.evaluateAll((svgs) => svgs.map((s) => s.getAttribute('aria-label')));
    expect(labels).toContain('Requests per second (higher is better). monolith: 2222; event-driven: 444');
    expect(labels).toContain(
      'Latency, ms (lower is better). monolith: p50 4.0 ms, p95 9.0 ms, p99 15.0 ms; event-driven: p50 4.0 ms, p95 9.0 ms, p99 15.0 ms',
    );
    expect(labels).toContain('Error rate, % of calls. monolith: 0.00%; event-driven: 1.25%');
    expect(labels).toContain('Network hops per request. monolith: 1.00; event-driven: 2.00');
    expect(labels).toContain(
      'Propagation lag p50, ms (write acknowledged → read side). monolith: –; event-driven: 12.5 ms',
    );
    // No pattern of this run has a cold start: no such chart.
    expect(labels.some((label) => label?.startsWith('Cold start'))).toBe(false);
    // The bars are drawn to scale: the faster pattern's is the longer.
    const widths = await page
      .locator('.workload-charts svg')
      .first()
      .locator('rect')
      .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('width'))));
    expect(widths[0]).toBeGreaterThan(widths[1]!);
    await page.locator('.workload-runs').screenshot({ path: join(SCREENSHOTS, 'compare-workload.png') });
  });

  it('when the earlier run is picked, then its patterns are charted instead', { timeout: SLOW }, async () => {
    await page.selectOption('#compare-run', '1');
    await page.waitForFunction(
      () =>
        document.querySelector('.workload-charts svg')?.getAttribute('aria-label')?.includes('layered: 999'),
      undefined,
      { timeout: SLOW },
    );
    expect(await page.locator('.workload-charts svg').first().getAttribute('aria-label')).toBe(
      'Requests per second (higher is better). monolith: 1111; layered: 999',
    );
  });
});
