import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { repoRoot } from '@journey/orchestrator';
import { RUN_VIA_ENV } from '@journey/roadmap';

/** How a lab command ended: its exit code, or the signal that ended it. */
export interface CommandExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * Runs `journey <args…>` for the dashboard. A port of its own, so the server's tests use a fake and
 * only the real dashboard spawns the CLI.
 */
export interface CliPort {
  /** Starts the command; every line it prints goes to `onLine`; resolves once it has exited. */
  run(args: string[], onLine: (line: string, stream: 'stdout' | 'stderr') => void): Promise<CommandExit>;
  /** Ends every command still running, with everything it started in its process group. */
  close(): Promise<void>;
}

/** Time between SIGTERM and SIGKILL when the dashboard stops during a run. */
const GRACE_MS = 10_000;

/**
 * The real CLI as a child process (`node lab/cli/bin/journey.js …` from the repository root), with the
 * dashboard's environment, so it records into the same data directory and progress file the page reads.
 * Each command runs in a process group of its own: stopping the dashboard stops the group, so nothing the
 * command started is left behind. `command` replaces the CLI (tests run a script of their own).
 */
export function createCliRuns(options: { command?: string[] } = {}): CliPort {
  const command = options.command ?? [process.execPath, join(repoRoot, 'lab', 'cli', 'bin', 'journey.js')];
  const running = new Map<ChildProcess, Promise<CommandExit>>();

  const signalGroup = (child: ChildProcess, signal: NodeJS.Signals) => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // The group is gone already.
    }
  };

  return {
    run(args, onLine) {
      const [bin, ...prefix] = command;
      const child = spawn(bin!, [...prefix, ...args], {
        cwd: repoRoot,
        // The runs the command records say they were started from the dashboard.
        env: { ...process.env, [RUN_VIA_ENV]: 'dashboard' },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      for (const stream of ['stdout', 'stderr'] as const) {
        createInterface({ input: child[stream]! }).on('line', (line) => onLine(line, stream));
      }
      const exited = new Promise<CommandExit>((resolve) => {
        child.once('exit', (code, signal) => resolve({ code, signal }));
        child.once('error', (error) => {
          onLine(`could not start journey ${args.join(' ')}: ${error.message}`, 'stderr');
          resolve({ code: null, signal: null });
        });
      }).finally(() => running.delete(child));
      running.set(child, exited);
      return exited;
    },

    async close() {
      await Promise.all(
        [...running].map(async ([child, exited]) => {
          signalGroup(child, 'SIGTERM');
          const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), GRACE_MS);
          await exited;
          clearTimeout(timer);
          // Whatever the command forked into its group and left running goes with it.
          signalGroup(child, 'SIGKILL');
        }),
      );
    },
  };
}
