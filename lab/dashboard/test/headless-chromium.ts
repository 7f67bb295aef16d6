import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@journey/orchestrator';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium, which `.ci/run` installs; the browser tests never download one. */
export const CHROMIUM = '/usr/bin/chromium';
// Without the background-networking flags Chromium phones home at start and stalls on a closed network.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** Where each browser test leaves a screenshot of what it saw (kept by CI). */
export const SCREENSHOTS = join(repoRoot, 'artifacts', 'screenshots');

export const chromiumMissing = !existsSync(CHROMIUM);
if (chromiumMissing && process.env.CI) {
  throw new Error(`${CHROMIUM} is missing and CI is set: .ci/run installs it with apt-get install chromium`);
}

/** The suffix of a browser suite's name that says why it skipped, when it does. */
export const skipReason = chromiumMissing
  ? ` (skipped: ${CHROMIUM} is not installed; apt-get install chromium)`
  : '';

export function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}
