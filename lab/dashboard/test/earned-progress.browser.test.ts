import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '@journey/orchestrator';
import { loadRoadmap, openProgress, parseCheckCommand } from '@journey/roadmap';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningDashboard } from '../src/server/start-dashboard.js';
import { chromiumMissing, launchChromium, SCREENSHOTS, skipReason } from './headless-chromium.js';

/**
 * Issue 13's "done when", end to end: on a fresh data directory the real CLI's `journey test`, `check`,
 * `bench` and `experiment` of the monolith earn every one of its checkpoints, `journey roadmap` says
 * "done (earned)", and the dashboard served on that directory shows it in Chromium; a checkpoint's Run
 * button runs its command through the CLI and the page shows the new result. Skips without Chromium,
 * fails without it under CI (as dashboard.browser.test.ts).
 */

// Waits for what a loaded 2-core machine does slowly (a fresh copy, both suites, a bench); not timing assertions.
const SLOW = 600_000;

const monolith = loadRoadmap().find((stage) => stage.slug === 'monolith')!;
/** The checkpoint a command line earns, by the roadmap file (so a renamed id needs no edit here). */
const checkpointEarnedBy = (line: string) =>
  monolith.checkpoints.find((c) => c.earnedBy.some((earning) => earning.startsWith(line)))!;

/** The smallest settings that still measure every row, and a short fault: minutes, not a quarter hour. */
const COMMANDS = [
  ['test', 'monolith'],
  ['check', 'monolith'],
  [
    'bench',
    'monolith',
    '--duration',
    '1',
    '--rounds',
    '1',
    '--warmup',
    '0',
    '--users',
    '5',
    '--articles',
    '20',
  ],
  ['experiment', 'monolith', 'comments-down', '--fault-seconds', '1'],
];

function journey(
  home: string,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env, JOURNEY_HOME: home };
    delete env.JOURNEY_PROGRESS_DB;
    const child = spawn(process.execPath, [join(repoRoot, 'lab', 'cli', 'bin', 'journey.js'), ...args], {
      cwd: repoRoot,
      env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.skipIf(chromiumMissing)(`earned progress from the CLI to the dashboard${skipReason}`, () => {
  let home: string;
  let dashboard: RunningDashboard | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const savedHome = process.env.JOURNEY_HOME;
  const savedProgress = process.env.JOURNEY_PROGRESS_DB;

  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'journey-earned-'));
  });

  afterAll(async () => {
    await browser?.close();
    await dashboard?.close();
    if (savedHome === undefined) delete process.env.JOURNEY_HOME;
    else process.env.JOURNEY_HOME = savedHome;
    if (savedProgress !== undefined) process.env.JOURNEY_PROGRESS_DB = savedProgress;
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('when test, check, bench and experiment of the monolith run in a terminal, then each earns its checkpoint and journey roadmap says done (earned)', {
    timeout: SLOW * 2,
  }, async () => {
    for (const args of COMMANDS) {
      const { code, stdout, stderr } = await journey(home, args);
      const line = `journey ${args.slice(0, args[0] === 'experiment' ? 3 : 2).join(' ')}`;
      expect(code, `${line} failed:\n${stdout.slice(-2_000)}\n${stderr.slice(-2_000)}`).toBe(0);
      expect(stderr).toContain(`✓ checkpoint monolith › ${checkpointEarnedBy(line).id} earned`);
    }
    const roadmap = await journey(home, ['roadmap']);
    expect(roadmap.code).toBe(0);
    expect(roadmap.stdout.split('\n').find((row) => /\bmonolith\b/.test(row))).toContain('done (earned)');
  });

  it('when the dashboard serves that data directory, then the roadmap shows the monolith done (earned) with every checkpoint earned', {
    timeout: SLOW,
  }, async () => {
    process.env.JOURNEY_HOME = home;
    delete process.env.JOURNEY_PROGRESS_DB;
    const { startDashboard } = await import('../src/server/start-dashboard.js');
    dashboard = await startDashboard({ port: 0 });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(dashboard.url);
    const card = page.locator('li[data-stage="monolith"]');
    await card.waitFor();
    expect(await card.locator('.badge.status').textContent()).toBe('Done (earned)');
    const total = monolith.checkpoints.length;
    expect(await card.locator('.progress-label').textContent()).toBe(
      `${total} of ${total} checkpoints earned`,
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'roadmap-earned.png'), fullPage: true });

    await card.getByRole('link', { name: monolith.title }).click();
    const checkpoints = page.locator('li.checkpoint');
    await checkpoints.first().waitFor();
    expect(await checkpoints.count()).toBe(total);
    expect(await page.locator('li.checkpoint[data-passed="yes"]').count()).toBe(total);
    for (const checkpoint of monolith.checkpoints) {
      const item = page.locator(`li.checkpoint[data-checkpoint="${checkpoint.id}"]`);
      for (const line of checkpoint.earnedBy) expect(await item.textContent()).toContain(line);
      expect(await item.textContent()).toContain('from the cli');
    }
  });

  it('when a checkpoint’s Run button is clicked, then its command runs through the CLI and the page shows the new result', {
    timeout: SLOW,
  }, async () => {
    const fitness = checkpointEarnedBy('journey check monolith');
    const item = page.locator(`li.checkpoint[data-checkpoint="${fitness.id}"]`);
    await item.getByRole('button', { name: `Run ${fitness.id}` }).click();
    await item.locator('.checkpoint-run[data-state="finished"]').waitFor({ timeout: SLOW });
    expect(await item.locator('.checkpoint-run .verdict').textContent()).toBe(
      `Finished: ${fitness.earnedBy.map((line) => `${line}: exit 0`).join(' · ')}`,
    );
    expect(await item.locator('.checkpoint-run pre').textContent()).toContain(
      `✓ checkpoint monolith › ${fitness.id} earned`,
    );
    // Read again from the store once the run ended: the latest run now came from the dashboard.
    await expect
      .poll(() => item.locator('ul.results').textContent(), { timeout: SLOW })
      .toContain('from the dashboard');
    const progress = openProgress(join(home, 'progress.sqlite'));
    try {
      expect(progress.latestRun(parseCheckCommand(fitness.earnedBy[0]!))).toMatchObject({
        passed: true,
        via: 'dashboard',
      });
    } finally {
      progress.close();
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'stage-monolith-checkpoints.png'), fullPage: true });
  });

  it('when the layered stage’s page opens, then it shows what changed from the monolith', {
    timeout: SLOW,
  }, async () => {
    await page.goto(`${new URL(dashboard!.url).origin}/#/stage/layered`);
    const table = page.locator('table[data-migration="monolith→layered"]');
    await table.waitFor({ timeout: SLOW });
    expect(await table.locator('tr').count()).toBeGreaterThan(2);
    await page.screenshot({ path: join(SCREENSHOTS, 'stage-layered-migration.png'), fullPage: true });
  });
});
