import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * One of the pod's two processes (the sidecar, the service). It stays in the pod's process group, so
 * the lab stopping the pod's group stops it too; its output becomes the pod's, line by line.
 */
export class PodChild {
  readonly exited: Promise<ExitStatus>;
  private readonly child: ChildProcess;

  constructor(
    readonly name: string,
    [command, ...args]: string[],
    env: NodeJS.ProcessEnv,
    linePrefix = '',
  ) {
    this.child = spawn(command!, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const [stream, out] of [
      [this.child.stdout!, process.stdout],
      [this.child.stderr!, process.stderr],
    ] as const) {
      createInterface({ input: stream }).on('line', (line) => out.write(`${linePrefix}${line}\n`));
    }
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => resolve({ code, signal }));
      this.child.once('error', () => resolve({ code: null, signal: null }));
    });
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null && this.child.pid !== undefined;
  }

  /**
   * Asks it to stop with each signal in turn, giving it `patienceMs` after each, and kills it if it is
   * still there after the last: the pod never leaves a process behind.
   */
  async stop(signals: NodeJS.Signals[], patienceMs: number): Promise<ExitStatus> {
    for (const signal of [...signals, 'SIGKILL' as const]) {
      if (!this.running) break;
      this.child.kill(signal);
      if (await this.exitsWithin(patienceMs)) break;
    }
    return this.exited;
  }

  /** Whether it has exited, or does within `ms`. */
  exitsWithin(ms: number): Promise<boolean> {
    return Promise.race([this.exited.then(() => true), sleep(ms).then(() => false)]);
  }
}

/** `code 1` or `signal SIGKILL`: how a process ended, for a log line. */
export const describeExit = ({ code, signal }: ExitStatus) =>
  signal ? `signal ${signal}` : code === null ? 'failure to start' : `code ${code}`;
