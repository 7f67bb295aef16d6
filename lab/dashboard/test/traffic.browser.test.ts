import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTopology, type PatternSlug } from '@journey/orchestrator';
import type { TrafficReport } from '@journey/topology';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PatternRun, ProcessStatus } from '../src/server/lab-port.js';
import type { RunningDashboard } from '../src/server/start-dashboard.js';
import { recordingLab } from './fake-lab.js';
import { chromiumMissing, launchChromium, SCREENSHOTS, skipReason } from './headless-chromium.js';

/**
 * The service mesh stage page over a lab that reports its control plane's traffic: the diagram draws
 * a sidecar box on every proxied process and labels the edges the proxies measured, and the run panel
 * lists the traffic. No mesh is started: the figures are the lab's.
 */

const SLOW = 120_000;
const MESH = 'service-mesh';

const topology = await loadTopology(MESH);
const reporter = topology.processes.find((p) => p.traffic !== undefined)!.name;
const pods = topology.processes.filter((p) => p.name !== reporter).map((p) => p.name);

const report: TrafficReport = {
  source: 'HAProxy sidecars',
  windowSeconds: 10,
  proxies: pods.map((process) => ({
    process,
    identity: `spiffe://conduit.journey/ns/lab/sa/${process}`,
    rssBytes: 9 * 2 ** 20,
    cpuSeconds: 0.4213,
  })),
  edges: [
    { from: 'gateway', to: 'articles', rps: 12.345, errorRate: 0.0125, p50Ms: 3.2, p99Ms: 12.7, total: 1234 },
    { from: 'gateway', to: 'articles-v2', rps: 1.5, errorRate: 0.2, p50Ms: 5, p99Ms: null, total: 150 },
  ],
};

const running = (name: string): ProcessStatus => ({
  name,
  state: 'running',
  healthy: true,
  healthDetail: 'HTTP 200',
  pid: 4242,
  port: 1,
  adminPort: 2,
  rssBytes: 2 ** 27,
  requestsPerSecond: null,
  restarts: 0,
  exit: null,
  hostedUnits: null,
  traffic: name === reporter ? { available: true, report } : null,
});

describe.skipIf(chromiumMissing)(`a mesh's traffic on the dashboard, in Chromium${skipReason}`, () => {
  let home: string;
  let dashboard: RunningDashboard;
  let browser: Browser;
  let page: Page;
  const savedHome = process.env.JOURNEY_HOME;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'journey-traffic-test-'));
    process.env.JOURNEY_HOME = home;
    const { lab } = recordingLab();
    lab.runOf = (pattern: PatternSlug): PatternRun => ({
      pattern,
      state: 'running',
      url: 'http://127.0.0.1:1',
      infrastructureDescribed: null,
      processes: topology.processes.map((p) => running(p.name)),
      edges: [],
      infrastructure: [],
      error: null,
    });
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

  it('when the stage page opens, then every proxied process has a sidecar box with its memory, and measured edges their figures', {
    timeout: SLOW,
  }, async () => {
    const url = new URL(dashboard.url);
    url.hash = `#/stage/${MESH}`;
    await page.goto(url.href);
    await page.waitForFunction(
      () => document.querySelector('.diagram')?.getAttribute('aria-label')?.includes('sidecar'),
      undefined,
      { timeout: SLOW },
    );
    const diagram = page.locator('.diagram');
    expect(await diagram.getAttribute('data-proxies-drawn')).toBe(String(pods.length));
    const words = (await diagram.getAttribute('aria-label'))!;
    expect(words.match(/sidecar 9 MiB/g)).toHaveLength(pods.length);
    expect(words).toContain('gateway → articles over http, 12 req/s · 1.3% err · p99 13 ms');
    expect(words).toContain('gateway → articles-v2 over http, 1.5 req/s · 20.0% err · p99 –');
    // An edge no proxy measured keeps its protocol alone.
    expect(words).toContain('gateway → identity over http,');
    expect(words).not.toMatch(/gateway → identity over http, \d/);
    await diagram.screenshot({ path: join(SCREENSHOTS, 'stage-service-mesh-diagram.png') });
  });

  it('when the run panel is read, then its Traffic table lists each edge and each proxy with their figures', {
    timeout: SLOW,
  }, async () => {
    const tables = page.locator('.traffic table');
    await tables.first().waitFor({ timeout: SLOW });
    expect(await tables.first().locator('caption').textContent()).toBe(
      'Traffic measured by HAProxy sidecars, rates over the last 10 s',
    );
    expect(await tables.first().locator('tbody tr').first().locator('td').allTextContents()).toEqual([
      'gateway',
      'articles',
      '12.3',
      '1.3%',
      '3 ms',
      '13 ms',
      '1234',
    ]);
    const articles = tables.nth(1).locator('tr', { hasText: 'sa/articles-v2' });
    expect(await articles.locator('td').allTextContents()).toEqual([
      'articles-v2',
      'spiffe://conduit.journey/ns/lab/sa/articles-v2',
      '9 MiB',
      '0.42 s',
    ]);
    expect(await page.locator('tr[data-process="gateway"] td').nth(3).textContent()).toBe('1 (admin 2)');
    await page.screenshot({ path: join(SCREENSHOTS, 'stage-service-mesh-traffic.png'), fullPage: true });
  });
});
