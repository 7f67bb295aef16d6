import { execFile } from 'node:child_process';
import { programOnPath } from '@journey/platform';

/** A podman command that failed, with what it was asked and the end of what podman said. */
export class PodmanFailed extends Error {
  constructor(
    readonly args: readonly string[],
    readonly stderr: string,
  ) {
    super(
      `podman ${args.join(' ')} failed: ${stderr.trim().split('\n').slice(-4).join(' / ') || 'no output'}`,
    );
    this.name = 'PodmanFailed';
  }
}

interface RunOptions {
  /** Written to podman's stdin (an image's root filesystem as a tar, say). */
  input?: string | Buffer;
  /** More environment: a value podman reads from a variable rather than argv (`secret create --env`). */
  env?: Record<string, string>;
  /** Answer stderr after stdout: `podman logs` replays a container's stderr on its own. */
  withStderr?: boolean;
}

export interface Podman {
  /** Runs podman with the lab's containers.conf; answers its stdout, throws PodmanFailed. */
  run(args: string[], options?: RunOptions): Promise<string>;
  /** Whether the command succeeds (`image exists`), without its output. */
  succeeds(args: string[]): Promise<boolean>;
}

// An image build prints a line per step and per copied blob; a listing of every image can be long.
const MAX_OUTPUT = 64 * 1024 * 1024;

/** Podman as the lab runs it: every call with `CONTAINERS_CONF` pointing at the lab's file. */
export function podman(containersConf: string): Podman {
  const run = (args: string[], options: RunOptions = {}) =>
    new Promise<string>((resolve, reject) => {
      const child = execFile(
        'podman',
        args,
        {
          env: { ...process.env, ...options.env, CONTAINERS_CONF: containersConf },
          encoding: 'utf8',
          maxBuffer: MAX_OUTPUT,
        },
        (error, stdout, stderr) => {
          if (error) reject(new PodmanFailed(args, stderr || error.message));
          else resolve(options.withStderr ? `${stdout}${stderr}` : stdout);
        },
      );
      if (options.input !== undefined) child.stdin?.end(options.input);
    });
  return {
    run,
    succeeds: (args) =>
      run(args).then(
        () => true,
        () => false,
      ),
  };
}

/** One line naming what is missing and how to get it; undefined when podman and runc are both there. */
export function missingContainerTools(): string | undefined {
  const missing = ['podman', 'runc'].filter((binary) => !programOnPath(binary));
  if (missing.length === 0) return undefined;
  return `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not installed: a local run of the Kubernetes manifests needs podman with runc (Debian/Ubuntu: apt-get install podman runc)`;
}
