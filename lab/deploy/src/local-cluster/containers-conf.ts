import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The engine settings every podman call of the lab runs with, handed over in `CONTAINERS_CONF` so
 * `/etc/containers` stays untouched:
 * - runc, because crun refuses this machine's hybrid cgroups ("cgroups in hybrid mode not supported");
 * - cgroupfs, because there is no systemd to ask for a scope;
 * - ulimits below the defaults, because podman's default ulimits (nofile 1048576, nproc 32768) need
 *   CAP_SYS_RESOURCE to set and a sandboxed root has not got it. `podman kube play` has no
 *   `--ulimit` flag, so the file is the only place to say it;
 * - the file events logger, since journald may not run.
 */
export const LAB_CONTAINERS_CONF = `# Written by the lab (lab/deploy/src/local-cluster/containers-conf.ts); passed as CONTAINERS_CONF.
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=4096:4096"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
`;

/** The same limits as flags, for `podman build`, whose RUN steps take theirs from the command line. */
export const LAB_ULIMIT_FLAGS = ['--ulimit', 'nofile=20000:20000', '--ulimit', 'nproc=4096:4096'];

/** Writes the lab's containers.conf into `dir` (created when missing); answers its path. */
export function writeContainersConf(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'containers.conf');
  writeFileSync(path, LAB_CONTAINERS_CONF);
  return path;
}
