import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PatternSlug } from '@journey/orchestrator';
import type { HostedUnitsReport } from '@journey/topology';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PatternRun } from '../src/server/lab-port.js';
import type { RunningDashboard } from '../src/server/start-dashboard.js';
import { recordingLab } from './fake-lab.js';
import { chromiumMissing, launchChromium, SCREENSHOTS, skipReason } from './headless-chromium.js';

/**
 * The serverless stage page over a lab that reports a running runtime hosting seven functions: the
 * diagram draws them inside the runtime with their instance counts, the page lists them, and the
 * learner's monthly request count is priced. No runtime is started: the figures are the lab's.
 */

const SLOW = 120_000;

const report = (requestsPerMonth?: number): HostedUnitsReport => ({
  unit: 'functions',
  runtime: 'a fake runtime',
  units: [
    {
      name: 'users',
      trigger: 'http',
      instances: 2,
      peakInstances: 5,
      invocations: 40,
      coldStarts: 5,
      cold: { p50Ms: 120, p99Ms: 300, maxMs: 310 },
      warm: { p50Ms: 3, p99Ms: 9, maxMs: 12 },
    },
    // The rest of serverless's functions, idle: seven in all, as the diagram has to fit them.
    ...['profiles', 'articles', 'comments', 'tags', 'feed'].map((name) => ({
      name,
      trigger: 'http',
      instances: 0,
      peakInstances: 0,
      invocations: 0,
      coldStarts: 0,
      cold: null,
      warm: null,
    })),
    {
      name: 'notify-followers',
      trigger: 'article-published',
      instances: 0,
      peakInstances: 1,
      invocations: 1,
      coldStarts: 1,
      cold: { p50Ms: 90, p99Ms: 90, maxMs: 90 },
      warm: null,
    },
  ],
  ...(requestsPerMonth !== undefined && {
    cost: {
      workload: `${requestsPerMonth.toLocaleString('en')} requests a month`,
      rows: [{ platform: 'AWS Lambda', monthlyUsd: 12.5, breakdown: 'requests + GB-seconds' }],
    },
  }),
});

describe.skipIf(chromiumMissing)(`serverless functions on the dashboard, in Chromium${skipReason}`, () => {
  let home: string;
  let dashboard: RunningDashboard;
  let browser: Browser;
  let page: Page;
  const savedHome = process.env.JOURNEY_HOME;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'journey-hosted-units-test-'));
    process.env.JOURNEY_HOME = home;
    const { lab } = recordingLab();
    lab.runOf = (pattern: PatternSlug): PatternRun => ({
      pattern,
      state: 'running',
      url: 'http://127.0.0.1:1',
      infrastructureDescribed: null,
      processes: [
        {
          name: 'runtime',
          state: 'running',
          healthy: true,
          healthDetail: 'HTTP 200',
          pid: 4242,
          port: 1,
          rssBytes: 2 ** 27,
          requestsPerSecond: null,
          restarts: 0,
          exit: null,
          hostedUnits: { available: true, report: report() },
          traffic: null,
        },
      ],
      edges: [],
      infrastructure: [],
      error: null,
    });
    lab.hostedUnits = async (_pattern, requestsPerMonth) => [
      { process: 'runtime', answer: { available: true, report: report(requestsPerMonth) } },
    ];
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

  it('when the stage page opens, then the diagram draws each function inside the runtime with its instances, and the page lists them', {
    timeout: SLOW,
  }, async () => {
    const url = new URL(dashboard.url);
    url.hash = '#/stage/serverless';
    await page.goto(url.href);
    await page.waitForFunction(
      () => document.querySelector('.diagram')?.getAttribute('aria-label')?.includes('hosts users ×2'),
      undefined,
      { timeout: SLOW },
    );
    expect(await page.locator('.diagram').getAttribute('aria-label')).toContain('notify-followers ×0');
    expect(await page.locator('.diagram').getAttribute('data-units-drawn')).toBe('7');
    const users = page.locator('.hosted-units tr', { hasText: 'users' });
    expect(await users.locator('td').allTextContents()).toEqual([
      'users',
      'http',
      '2 / 5',
      '40',
      '5',
      '120 / 300 ms',
      '3 / 9 ms',
    ]);
    await page.locator('.diagram').screenshot({ path: join(SCREENSHOTS, 'stage-serverless-diagram.png') });
    await page.screenshot({ path: join(SCREENSHOTS, 'stage-serverless-functions.png'), fullPage: true });
  });

  it('when a monthly request count is typed and estimated, then each platform’s monthly cost is shown for it', {
    timeout: SLOW,
  }, async () => {
    await page.fill('#requests-per-month', '2000000');
    await page.click('text=Estimate the monthly cost');
    const cost = page.locator('.cost-estimate table');
    await cost.waitFor({ timeout: SLOW });
    expect(await cost.locator('caption').textContent()).toBe('Estimated for 2,000,000 requests a month');
    expect(await cost.locator('tbody td').allTextContents()).toEqual([
      'AWS Lambda',
      '$12.50',
      'requests + GB-seconds',
    ]);
  });
});
