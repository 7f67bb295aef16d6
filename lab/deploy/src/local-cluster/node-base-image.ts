import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Podman } from './podman.js';

/** The user the images run as, as in the official node images: uid and gid 1000, named `node`. */
export const NODE_USER = { name: 'node', uid: 1000, gid: 1000 } as const;

/**
 * The base image of the local images, named after the Node.js it holds. No registry answers here, so
 * `node:20-bookworm-slim` (what the generated Dockerfiles name) cannot be pulled: this image is THIS
 * machine's Node binary and the shared libraries `ldd` lists for it, and a `/bin/sh` as the slim image
 * has (podman 4.3 runs a pod's exec probe under `/bin/sh -c`), on an otherwise empty root filesystem.
 * Same major version, different build; the image's description label says so. The `-sh` tag tells it
 * from the earlier shell-less one.
 */
export const nodeBaseImage = (nodeVersion = process.versions.node) =>
  `localhost/journey/node-base:${nodeVersion}-sh`;

/** The machine's POSIX shell (Debian's dash, as the slim image's /bin/sh is). */
const SHELL = '/bin/dash';

export interface BuiltImage {
  image: string;
  /** False when an image of that name was there already and is reused. */
  built: boolean;
  /** Wall-clock time of the build (0 when reused). */
  ms: number;
}

/** Makes the base image from the running Node.js when it is not there yet. */
export async function ensureNodeBaseImage(podman: Podman): Promise<BuiltImage> {
  const image = nodeBaseImage();
  if (await podman.succeeds(['image', 'exists', image])) return { image, built: false, ms: 0 };
  const started = Date.now();
  const root = mkdtempSync(join(tmpdir(), 'journey-node-base-'));
  try {
    writeRootFilesystem(root, process.execPath);
    const tar = execFileSync('tar', ['-C', root, '-c', '.'], { maxBuffer: 1024 * 1024 * 1024 });
    await podman.run(
      [
        'import',
        '--change',
        'ENV PATH=/usr/local/bin:/usr/bin:/bin',
        '--change',
        `LABEL org.opencontainers.image.description=Node.js ${process.version} copied from this machine (${process.execPath}) with the libraries ldd lists; not the official node image`,
        '--change',
        'LABEL io.journey.lab=node-base',
        '-',
        image,
      ],
      { input: tar },
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return { image, built: true, ms: Date.now() - started };
}

/** Node at /usr/bin/node, a /bin/sh, their libraries where the loader looks for them, a `node` user and a /tmp. */
function writeRootFilesystem(root: string, node: string): void {
  const place = (from: string, to: string) => {
    mkdirSync(join(root, dirname(to)), { recursive: true });
    copyFileSync(from, join(root, to));
  };
  place(node, '/usr/bin/node');
  place(SHELL, '/bin/sh');
  for (const library of new Set([...sharedLibraries(node), ...sharedLibraries(SHELL)]))
    place(library, library);
  const { name, uid, gid } = NODE_USER;
  mkdirSync(join(root, 'etc'));
  writeFileSync(
    join(root, 'etc/passwd'),
    `root:x:0:0:root:/root:/sbin/nologin\n${name}:x:${uid}:${gid}:${name}:/home/${name}:/sbin/nologin\n`,
  );
  writeFileSync(join(root, 'etc/group'), `root:x:0:\n${name}:x:${gid}:\n`);
  mkdirSync(join(root, 'tmp'));
  chmodSync(join(root, 'tmp'), 0o1777);
}

/**
 * The absolute paths `ldd` prints for a binary (`libstdc++.so.6 => /lib/x86_64-linux-gnu/…`, and the
 * loader itself); copyFileSync follows their symlinks, so each lands as a file under its own name.
 */
function sharedLibraries(binary: string): string[] {
  const output = execFileSync('ldd', [binary], { encoding: 'utf8' });
  return [...output.matchAll(/(\/\S+) \(0x/g)].map((match) => match[1]!);
}
