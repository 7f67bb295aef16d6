import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveRun, type WorkloadFigures } from '@journey/orchestrator/results';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningDashboard } from '../src/server/start-dashboard.js';
import { recordingLab } from './fake-lab.js';
import { chromiumMissing, launchChromium, SCREENSHOTS, skipReason } from './headless-chromium.js';

/**
 * The trade-off card on the stage pages, in Chromium, over a data directory holding one compare run
 * (monolith and microservices) and one chaos run on microservices: its page shows the figures ranked
 * against the monolith and the verdict; a pattern with no run shows the commands that would measure it.
 * No pattern is started: the lab records calls only.
 */

const SLOW = 120_000;

const figures = (pattern: string, more: Partial<WorkloadFigures>): WorkloadFigures => ({
  pattern,
  requestsPerSecond: 1_200,
  p50Ms: 5,
  p95Ms: 14,
  p99Ms: 30,
  errorRate: 0,
  processes: 1,
  totalRssBytes: 200 * 2 ** 20,
  hopsPerRequest: 1,
  linesOfCode: 900,
  deployableUnits: 1,
  ...more,
});

describe.skipIf(chromiumMissing)(`trade-off cards on the stage pages, in Chromium${skipReason}`, () => {
  let home: string;
  let dashboard: RunningDashboard;
  let browser: Browser;
  let page: Page;
  const savedHome = process.env.JOURNEY_HOME;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'journey-card-browser-'));
    process.env.JOURNEY_HOME = home;
    saveRun('compare', {
      command: 'journey compare monolith microservices --duration 10',
      workload: { shape: 'balanced' },
      database: 'sqlite',
      patterns: [
        figures('monolith', {}),
        figures('microservices', {
          requestsPerSecond: 600,
          processes: 5,
          totalRssBytes: 650 * 2 ** 20,
          hopsPerRequest: 2,
          deployableUnits: 5,
        }),
      ],
    });
    saveRun('chaos', {
      pattern: 'microservices',
      fault: { kind: 'kill', target: 'comments' },
      hypothesis: 'the other services keep answering; articles come without their comments',
      availabilityDuring: 0.8,
      p99DuringMs: 45,
      invariants: [{ name: 'no acknowledged write lost', held: false, detail: '1 of 20 missing' }],
      verdict: 'refuted',
      because: 'an acknowledged comment was lost',
    });
    const { startDashboard } = await import('../src/server/start-dashboard.js');
    dashboard = await startDashboard({ port: 0, lab: recordingLab().lab });
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

  const open = async (slug: string) => {
    const url = new URL(dashboard.url);
    url.hash = `#/stage/${slug}`;
    await page.goto(url.href);
    // The route changes on hashchange: the title says the new view has replaced the old one.
    await page.waitForFunction((stage) => document.title.startsWith(`${stage} `), slug);
    await page.locator('.trade-off-card[data-measured]').waitFor({ timeout: SLOW });
  };

  it('when a measured pattern’s stage page opens, then its card shows the figures against the monolith and the chaos verdict', {
    timeout: SLOW,
  }, async () => {
    await open('microservices');
    const card = page.locator('.trade-off-card');
    expect(await card.getAttribute('data-measured')).toBe('true');
    expect(await card.locator('p').first().textContent()).toMatch(
      /^Measured \d{4}-\d\d-\d\d \d\d:\d\d UTC on .+ by journey compare monolith microservices --duration 10 \(shape balanced\), database sqlite; ranked among monolith, microservices\.$/,
    );
    const row = (key: string) => card.locator(`tr[data-figure="${key}"] > *`).allTextContents();
    expect(await row('requestsPerSecond')).toEqual(['throughput', '600 req/s', '2nd of 2', '×0.50']);
    expect(await row('totalRssBytes')).toEqual([
      'memory (RSS, all processes)',
      '650 MiB',
      '2nd of 2',
      '×3.3',
    ]);
    const kill = card.locator('tr[data-kind="kill"] > *');
    expect((await kill.allTextContents()).slice(0, 5)).toEqual([
      'kill',
      'comments',
      'refuted',
      '80.0 %',
      '45 ms',
    ]);
    expect(await card.locator('tr[data-kind="kill"] td.verdict.failed').count()).toBe(1);
    expect(await card.locator('p.verdict.failed').textContent()).toBe(
      'kill comments refuted: an acknowledged comment was lost (broken: no acknowledged write lost)',
    );
    expect(await card.locator('.card-missing li').allTextContents()).toEqual([
      'no latency, drop, away run yet: journey chaos microservices latency|drop|away <target> …',
    ]);
    await page.locator('.trade-off-card').screenshot({ path: join(SCREENSHOTS, 'stage-trade-off-card.png') });
  });

  it('when a pattern with no run opens, then its card says what to run', { timeout: SLOW }, async () => {
    await open('hexagonal');
    const card = page.locator('.trade-off-card');
    expect(await card.getAttribute('data-measured')).toBe('false');
    expect(await card.locator('table').count()).toBe(0);
    expect(await card.locator('.card-missing li').allTextContents()).toEqual([
      'no compare run includes hexagonal yet: journey compare all',
      'no chaos run yet (journey chaos hexagonal alone lists what can be broken, and the hypotheses): journey chaos hexagonal kill|latency|drop|away <target> …',
    ]);
  });
});
