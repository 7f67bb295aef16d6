import { DEFAULT_DASHBOARD_PORT, type RunningDashboard, startDashboard } from '@journey/dashboard';
import { integerArg, parse, UsageError } from '../usage.js';

export const dashboardOptions = { port: { type: 'string' } } as const;

/** `journey dashboard [--port N]`: the web dashboard on 127.0.0.1, until Ctrl-C. */
export async function dashboard(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, dashboardOptions, 'dashboard');
  if (positionals.length > 0) throw new UsageError('journey dashboard takes no arguments', ['--port N']);
  const port = integerArg('port', values.port, DEFAULT_DASHBOARD_PORT, 0, 65_535);
  console.error('• building the dashboard…');
  const running = await startDashboard({ port });
  console.log(`\nDashboard: ${running.url}  (Ctrl-C stops it and every pattern it started)`);
  return untilStopped(running);
}

/** Resolves with exit code 0 once Ctrl-C or SIGTERM has stopped the dashboard and everything it started. */
export function untilStopped(running: RunningDashboard): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    const stop = (reason: string) => {
      if (stopping) return;
      stopping = true;
      console.error(`\n• ${reason}: stopping the dashboard…`);
      running.close().then(
        () => {
          console.error('✓ stopped, nothing left running');
          resolve(0);
        },
        (error: unknown) => {
          console.error(`✗ ${(error as Error).message}`);
          resolve(1);
        },
      );
    };
    process.on('SIGINT', () => stop('Ctrl-C'));
    process.on('SIGTERM', () => stop('SIGTERM'));
  });
}
