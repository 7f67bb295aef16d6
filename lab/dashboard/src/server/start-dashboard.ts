import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { DatabaseChoice } from '@journey/orchestrator';
import { openProgress } from '@journey/roadmap';
import { buildDashboard } from './app.js';
import { createCliRuns } from './cli-runs.js';
import type { LabPort } from './lab-port.js';
import { createLocalLab } from './local-lab.js';
import { buildWebApp } from './web-build.js';

export const DEFAULT_DASHBOARD_PORT = 4000;

export interface RunningDashboard {
  /** The address to open, with the per-run token that lets the page change things. */
  url: string;
  lab: LabPort;
  /** Stops every pattern the dashboard started, then the server. */
  close(): Promise<void>;
}

/** Builds the web app, then serves it and the API on 127.0.0.1 with a fresh token. */
export async function startDashboard(
  options: {
    port?: number;
    lab?: LabPort;
    /** Per infrastructure kind, what a start picks when the page names nothing. */
    choices?: Readonly<Record<string, string>>;
    /** `choices.database`, as `journey start --db` gives it. */
    db?: DatabaseChoice;
  } = {},
): Promise<RunningDashboard> {
  const token = randomBytes(24).toString('base64url');
  const webRoot = await buildWebApp();
  const progress = openProgress();
  const lab =
    options.lab ??
    createLocalLab({
      defaultChoices: { ...options.choices, ...(options.db && { database: options.db }) },
    });
  const app = await buildDashboard({
    lab,
    cli: createCliRuns(),
    progress,
    token,
    webRoot,
    logger: { level: 'warn' },
  });
  const cleanUp = () => {
    progress.close();
    rmSync(webRoot, { recursive: true, force: true });
  };
  const port = options.port ?? DEFAULT_DASHBOARD_PORT;
  try {
    await app.listen({ host: '127.0.0.1', port });
  } catch (error) {
    cleanUp();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new Error(`port ${port} is taken; choose another with --port N (0 picks a free one)`, {
        cause: error,
      });
    throw error;
  }
  const { port: actual } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}/?token=${token}`,
    lab,
    async close() {
      await lab.close();
      await app.close();
      cleanUp();
    },
  };
}
