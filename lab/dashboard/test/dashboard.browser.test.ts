import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BenchReport, runnablePatterns } from '@journey/orchestrator';
import { openProgress, parseCheckCommand } from '@journey/roadmap';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningDashboard } from '../src/server/start-dashboard.js';
import { chromiumMissing, launchChromium, SCREENSHOTS, skipReason } from './headless-chromium.js';

/**
 * The dashboard end to end, in Debian's Chromium driven by playwright-core: the roadmap, starting
 * the monolith from its stage page and watching it turn healthy, its conformance suite run from the
 * page, a kill and a restart, the failure experiment, a quick benchmark (the pattern's rows apart from
 * the baselines'), the request console, the compare view with its code figures and unit tests, event-driven
 * started on its embedded broker, and the microservices README's service table drawn as a table.
 * Screenshots of each view go to artifacts/screenshots/ (kept by CI).
 */

// Waits for things a loaded 2-core machine does slowly (a start, the whole suite); not timing assertions.
const SLOW = 240_000;

/** Two earlier `journey bench` runs as they are stored under the data dir: one per pattern. */
function benchReport(at: string, target: string, requestsPerSec: number): BenchReport {
  const row = (endpoint: string, factor: number) => ({
    target,
    endpoint,
    requestsPerSec: requestsPerSec * factor,
    p50Ms: 5,
    p99Ms: 20,
    peakRssBytes: 120 * 2 ** 20,
    processes: 1,
    failures: 0,
    total: 10_000,
  });
  return {
    at,
    settings: {
      connections: 10,
      durationSec: 1,
      warmupSec: 0,
      rounds: 1,
      db: 'sqlite',
      users: 5,
      articles: 20,
    },
    machine: { cpus: 2, model: 'test machine', node: process.version },
    rows: [row('GET /api/articles?limit=20', 1), row('GET /api/tags', 3)],
  };
}

describe.skipIf(chromiumMissing)(`dashboard in Chromium${skipReason}`, () => {
  let home: string;
  let dashboard: RunningDashboard;
  let browser: Browser;
  let page: Page;
  const savedHome = process.env.JOURNEY_HOME;
  /** Requests the page made beyond the dashboard and the patterns it runs: fonts, scripts, telemetry. */
  const outside: string[] = [];

  const screenshot = (name: string) =>
    page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const diagramSays = (text: string) =>
    page.waitForFunction(
      (expected) => document.querySelector('.diagram')?.getAttribute('aria-label')?.includes(expected),
      text,
      { timeout: SLOW },
    );

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'journey-dashboard-test-'));
    process.env.JOURNEY_HOME = home;
    mkdirSync(join(home, 'bench'), { recursive: true });
    for (const [file, report] of [
      ['a.json', benchReport('2026-01-01T10:00:00.000Z', 'monolith', 2_000)],
      ['b.json', benchReport('2026-01-02T10:00:00.000Z', 'layered', 1_500)],
    ] as const) {
      writeFileSync(join(home, 'bench', file), JSON.stringify(report));
    }
    const { startDashboard } = await import('../src/server/start-dashboard.js');
    dashboard = await startDashboard({ port: 0 });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('request', (request) => {
      if (new URL(request.url()).hostname !== '127.0.0.1') outside.push(request.url());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await dashboard?.close();
    if (savedHome === undefined) delete process.env.JOURNEY_HOME;
    else process.env.JOURNEY_HOME = savedHome;
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('when the dashboard opens, then the roadmap shows the eight stages in order with difficulty and progress', async () => {
    await page.goto(dashboard.url);
    const stages = page.locator('ol.stages > li');
    await stages.first().waitFor();
    expect(await stages.count()).toBe(8);
    expect(await stages.locator('h2').allTextContents()).toEqual([
      'Monolithic Architecture',
      'Layered Architecture',
      'Hexagonal Architecture (Ports and Adapters)',
      'Service-Oriented Architecture',
      'Microservices Architecture',
      'Event-Driven Architecture',
      'Serverless Architecture',
      'Service Mesh',
    ]);
    await expect.poll(() => stages.first().locator('.badge').first().textContent()).toBe('Beginner');
    expect(await stages.first().locator('progress').count()).toBe(1);
    expect(new URL(page.url()).searchParams.get('token')).toBeNull();
    await screenshot('roadmap');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot('roadmap-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('when the monolith is started from its stage page, then its diagram turns healthy', {
    timeout: SLOW,
  }, async () => {
    await page.getByRole('link', { name: 'Monolithic Architecture' }).click();
    // The dashboard's own default (no --db): what `journey up` starts on.
    const database = page.getByLabel('Database', { exact: true });
    expect(await database.inputValue()).toBe('sqlite');
    expect(await database.locator('option').allTextContents()).toEqual(['sqlite', 'postgres']);
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.locator('[data-run-state="running"]').waitFor({ timeout: SLOW });
    await diagramSays('app: healthy');
    // Its database is probed as well: the SQLite file and its size.
    await diagramSays('db: healthy · sqlite · ');
    expect(await page.locator('tr[data-process="app"] td[data-state]').textContent()).toBe('running');
    // Read from the process's own /metrics once two samples exist.
    await expect
      .poll(() => page.locator('tr[data-process="app"] td').nth(5).textContent(), { timeout: SLOW })
      .toMatch(/^\d+(\.\d)? req\/s$/);
    // The client's edge carries what the monolith answered, read from the same /metrics.
    expect(await page.locator('.diagram').getAttribute('aria-label')).toMatch(
      /client → app over http, \d+(\.\d)? req\/s/,
    );
    await screenshot('stage-monolith-running');
  });

  it('when its conformance and Postman suites are run from the page, then every check passes and the run is recorded as a journey test from the dashboard', {
    timeout: SLOW * 2,
  }, async () => {
    await page.getByRole('button', { name: 'Run conformance + Postman suites' }).click();
    const summary = page.locator(
      '.conformance-summary[data-state="passed"], .conformance-summary[data-state="failed"]',
    );
    await summary.waitFor({ timeout: SLOW * 2 });
    const failures = await page.locator('.results li.failed').allTextContents();
    expect(failures).toEqual([]);
    expect(await summary.textContent()).toMatch(
      /^Finished\. Our suite: \d+ passed, 0 failed; official Postman suite: \d+ requests, (\d+)\/\1 assertions passed\. Recorded as a passing run of `journey test monolith --db sqlite`\.$/,
    );
    expect(await page.locator('.results li.ok').count()).toBeGreaterThan(10);
    const progress = openProgress();
    try {
      expect(progress.latestRun(parseCheckCommand('journey test monolith --db sqlite'))).toMatchObject({
        passed: true,
        via: 'dashboard',
      });
    } finally {
      progress.close();
    }
    await screenshot('stage-monolith-conformance');
  });

  it('when its process is killed and restarted, then the diagram shows it down and then healthy again', {
    timeout: SLOW,
  }, async () => {
    await page.getByRole('button', { name: 'Kill app' }).click();
    await diagramSays('app: down');
    expect(await page.locator('tr[data-process="app"] td[data-state]').textContent()).toBe('exited');
    await screenshot('stage-monolith-killed');
    await page.getByRole('button', { name: 'Restart app' }).click();
    await diagramSays('app: healthy');
    await expect
      .poll(() => page.locator('tr[data-process="app"] td').nth(6).textContent(), { timeout: SLOW })
      .toBe('1');
  });

  it('when the failure experiment is run from the page, then its outcome is explained, matches the prediction and is recorded', {
    timeout: SLOW,
  }, async () => {
    await page.getByRole('button', { name: /Run “comments-down”/ }).click();
    const verdict = page.locator('.verdict[data-verdict]');
    await verdict.waitFor({ timeout: SLOW });
    expect(await verdict.getAttribute('data-verdict'), (await verdict.textContent()) ?? '').toBe('held');
    expect(await page.locator('.experiment-outcome pre').textContent()).toMatch(/comments/);
    // Recorded as `journey experiment` would be, with what the running copy runs on.
    const progress = openProgress();
    try {
      expect(
        progress.latestRun(parseCheckCommand('journey experiment monolith comments-down --db sqlite')),
      ).toMatchObject({ passed: true, via: 'dashboard' });
    } finally {
      progress.close();
    }
    await diagramSays('app: healthy');
    await screenshot('stage-monolith-experiment');
  });

  it('when a quick benchmark is run from the stage page, then the pattern’s rows and the baselines’ are labelled apart and saved to the history', {
    timeout: SLOW,
  }, async () => {
    await page.getByRole('button', { name: 'Run a quick benchmark' }).click();
    const table = page.locator('.bench-outcome table.figures');
    await page.locator('.bench-outcome p').first().waitFor({ timeout: SLOW });
    expect(await page.locator('.bench-outcome .verdict').count()).toBe(0);
    const targetsOf = (group: string) =>
      table.locator(`tbody[data-group="${group}"] th[scope="row"]`).allTextContents();
    expect(new Set(await targetsOf('patterns'))).toEqual(new Set(['monolith']));
    expect(await targetsOf('baselines')).toEqual([
      '(a) Fastify hello world',
      '(b) raw Fastify + better-sqlite3',
      '(c) raw Fastify + better-sqlite3 insert',
    ]);
    const groups = await table.locator('tr.group th[scope="rowgroup"]').allTextContents();
    expect(groups[0]).toBe('The pattern: monolith');
    expect(groups[1]).toMatch(/^Baselines: \(a\) a bare Fastify hello world, \(b\) .*, \(c\) /);
    // As `journey bench` prints it: CPU per request, then every read's throughput as a share of the raw
    // read (b) of the same run and every write's as a share of the raw insert (c).
    expect((await table.locator('thead th').allTextContents()).slice(-3)).toEqual([
      'CPU per request',
      'vs (b)',
      'vs (c)',
    ]);
    const cells = async (target: string, endpoint: string) =>
      table
        .locator('tr', { has: page.locator('th', { hasText: target }) })
        .filter({ hasText: endpoint })
        .first()
        .locator('td')
        .allTextContents();
    expect((await cells('(b) raw Fastify + better-sqlite3', 'GET /')).slice(-2)).toEqual(['100%', '']);
    expect((await cells('(c) raw Fastify + better-sqlite3 insert', 'POST /')).slice(-2)).toEqual([
      '',
      '100%',
    ]);
    const list = await cells('monolith', 'GET /api/articles?limit=20');
    expect(list.at(-3)).toMatch(/^\d+ µs$/);
    expect(list.at(-2)).toMatch(/^\d+%$/);
    expect(list.at(-1)).toBe('');
    expect((await cells('monolith', 'POST /api/articles')).slice(-2)).toEqual([
      '',
      expect.stringMatching(/^\d+%$/),
    ]);
    expect(await page.locator('.bench-outcome').textContent()).toContain(join(home, 'bench'));
    await screenshot('stage-monolith-bench');
  });

  it('when a common call is sent from the console, then the running monolith answers it', {
    timeout: SLOW,
  }, async () => {
    await page.getByRole('link', { name: 'Try the app' }).click();
    await page.getByLabel('Running pattern').selectOption({ index: 0 });
    await page.getByLabel('Common call').selectOption({ label: 'Register — POST /api/users' });
    await page.getByRole('button', { name: 'Send' }).click();
    await page.locator('.response-status[data-status="201"]').waitFor({ timeout: SLOW });
    await page.getByLabel('Common call').selectOption({ label: 'Current user — GET /api/user' });
    expect(await page.getByLabel('Send my token').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.locator('.response-status[data-status="200"]').waitFor({ timeout: SLOW });
    expect(await page.locator('pre.response').textContent()).toContain('"username": "learner_');
    await screenshot('console');
  });

  it('when the compare view opens, then both benchmarked patterns are charted side by side, and every built one has code figures', async () => {
    await page.getByRole('link', { name: 'Compare' }).click();
    await page.locator('.charts canvas').first().waitFor();
    expect(await page.locator('.charts canvas').count()).toBe(5);
    // The stage page's bench made the monolith's run the newest, so the order says nothing here.
    const picked = page.locator('.pickers input:checked');
    const values = await picked.evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).value));
    expect(new Set(values)).toEqual(new Set(['layered', 'monolith']));
    const rows = await page.locator('table.figures tbody th').allTextContents();
    expect(new Set(rows)).toEqual(new Set(['layered', 'monolith']));
    // The code figures need no bench run: every built pattern has a row, benchmarked or not.
    const codeRows = page.locator('table.code-figures tbody th');
    await codeRows.nth(runnablePatterns().length - 1).waitFor();
    expect(new Set(await codeRows.allTextContents())).toEqual(new Set(runnablePatterns()));
    await screenshot('compare');
  });

  it('when the unit tests are run from the compare view, then layered shows its passed tests and the monolith that it declares none', {
    timeout: SLOW,
  }, async () => {
    const cell = (pattern: string, column: number) =>
      page
        .locator('table.code-figures tbody tr', { has: page.locator('th', { hasText: pattern }) })
        .locator('td')
        .nth(column);
    expect(await cell('layered', 5).textContent()).toBe('not run yet');
    await page.getByRole('button', { name: 'Run the unit tests' }).click();
    await page
      .locator('.code-status', { hasText: /^(Unit tests run\.|The unit tests could not run)/ })
      .waitFor({ timeout: SLOW });
    expect(await page.locator('.code-status').textContent()).toBe('Unit tests run.');
    expect(await cell('layered', 5).textContent()).toMatch(/^(\d+) of \1 passed$/);
    expect(await cell('layered', 6).textContent()).toMatch(/ in tests\)$/);
    // Every monolith test goes through HTTP, so it declares no unit tests, and says so.
    expect(await cell('monolith', 5).textContent()).toBe('none declared');
    await screenshot('compare-unit-tests');
  });

  it('when event-driven is started from its stage page on the embedded broker, then every service and the broker turn healthy, with the events edges drawn', {
    timeout: SLOW,
  }, async () => {
    // From the dashboard's own URL, so this case also runs alone (vitest -t).
    await page.goto(dashboard.url);
    await page.evaluate(() => {
      location.hash = '#/stage/event-driven';
    });
    const broker = page.getByLabel('Broker', { exact: true });
    expect(await broker.inputValue()).toBe('embedded');
    expect(await broker.locator('option').allTextContents()).toEqual([
      'embedded',
      'rabbitmq',
      'nats',
      'kafka (Kafka protocol, mock cluster: no persistence or retention)',
    ]);
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.locator('[data-run-state="running"]').waitFor({ timeout: SLOW });
    for (const process of ['identity', 'profiles', 'articles', 'comments', 'views', 'gateway'])
      await diagramSays(`${process}: healthy`);
    await diagramSays('broker: healthy · embedded · ');
    const diagram = (await page.locator('.diagram').getAttribute('aria-label')) ?? '';
    expect(diagram).toContain('articles → broker over events');
    expect(diagram).toContain('broker → views over events');
    expect(diagram).toMatch(/gateway: healthy · \d+ MiB/);
    expect(await page.locator('.run-status').textContent()).toContain('embedded event log');
    expect(await broker.isDisabled()).toBe(true);
    await screenshot('stage-event-driven-running');
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await page.locator('[data-run-state="stopped"]').waitFor({ timeout: SLOW });
    await diagramSays('gateway: stopped');
    // Stopped, the broker is drawn as plain infrastructure again: nothing probes it.
    expect(await page.locator('.diagram').getAttribute('aria-label')).toMatch(/broker: broker[.;]/);
  });

  it('when the microservices stage page opens, then its README’s service table is a table, its file links plain text', async () => {
    // From the dashboard's own URL, so this case also runs alone (vitest -t).
    await page.goto(dashboard.url);
    await page.evaluate(() => {
      location.hash = '#/stage/microservices';
    });
    const table = page.locator('.readme table');
    await table.waitFor();
    expect(await table.locator('thead th').first().textContent()).toBe('process');
    expect(await table.locator('tbody tr td:first-child').allTextContents()).toContain('gateway');
    expect(await page.locator('.readme').textContent()).not.toContain('|---|');
    // The dashboard serves no repository files: a link to one names the file instead of leading nowhere.
    const gateway = table.locator('.repo-file', { hasText: 'gateway' });
    expect(await gateway.getAttribute('title')).toBe(
      'patterns/microservices/gateway/src/app.ts in the repository',
    );
    await screenshot('stage-microservices');
  });

  it('when every view has been used, then the page never requested anything outside 127.0.0.1', () => {
    expect(outside).toEqual([]);
  });
});
