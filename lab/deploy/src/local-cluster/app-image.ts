import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeVersion, UNKNOWN_CODE } from '@journey/roadmap';
import { APP_DIR, DATA_DIR, RUN_DIR } from '../deployment-plan.js';
import { LAB_ULIMIT_FLAGS } from './containers-conf.js';
import { type BuiltImage, NODE_USER } from './node-base-image.js';
import type { Podman } from './podman.js';

/** Label on every image the lab builds, so old ones can be found and removed without touching others. */
export const LAB_IMAGE_LABEL = 'io.journey.lab';
/** Label with the app image's tag, inherited by the process images built on it. */
export const SOURCE_LABEL = 'io.journey.source';

/**
 * Kept out of the image: history and lab state, build output, and the development tools no process
 * runs (linter, type checker, browser driver, the dashboard's bundler), about 150 MB of node_modules.
 * Paths are scoped so that no package's own `dist/` inside node_modules is dropped.
 */
const IGNORED = [
  '.git',
  'artifacts',
  'coverage',
  '**/.journey',
  ...['lab', 'packages', 'patterns'].flatMap((folder) => [`${folder}/**/dist`, `${folder}/**/*.sqlite*`]),
  '*.sqlite*',
  'node_modules/@biomejs',
  'node_modules/typescript',
  'node_modules/playwright-core',
  'node_modules/@rolldown',
  'node_modules/lightningcss*',
];

/**
 * The whole checkout as this machine has installed it, node_modules included, on the base image:
 * one image every process image starts from, so a process image is a few bytes (its command). The
 * generated Dockerfiles install production dependencies with `npm ci` instead; that needs the npm
 * registry and a pullable base, which a machine without a registry has not got.
 *
 * Tagged with a hash of the code (commit and uncommitted changes, as `codeVersion` tells them) and of
 * the installed dependencies, so an unchanged checkout reuses its image.
 */
export async function ensureAppImage(
  podman: Podman,
  repoRoot: string,
  baseImage: string,
): Promise<BuiltImage & { source: string }> {
  const tag = sourceTag(repoRoot);
  const source = tag ?? 'latest';
  const image = `localhost/journey/app:${source}`;
  // Without git the code cannot be told apart: always build.
  if (tag && (await podman.succeeds(['image', 'exists', image])))
    return { image, source, built: false, ms: 0 };
  const started = Date.now();
  const context = mkdtempSync(join(tmpdir(), 'journey-app-image-'));
  try {
    writeFileSync(join(context, 'Containerfile'), appContainerfile(baseImage, source));
    writeFileSync(join(context, 'ignore'), `${IGNORED.join('\n')}\n`);
    await podman.run([
      'build',
      '--runtime',
      'runc',
      ...LAB_ULIMIT_FLAGS,
      '--file',
      join(context, 'Containerfile'),
      '--ignorefile',
      join(context, 'ignore'),
      '--tag',
      image,
      repoRoot,
    ]);
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
  return { image, source, built: true, ms: Date.now() - started };
}

function appContainerfile(baseImage: string, source: string): string {
  const { uid, gid } = NODE_USER;
  // No shell in the base image: the folders are made by Node, in exec form.
  const makeWritable = `for (const d of ['${RUN_DIR}', '${DATA_DIR}']) { fs.mkdirSync(d, { recursive: true }); fs.chownSync(d, ${uid}, ${gid}) }`;
  return `FROM ${baseImage}
LABEL ${LAB_IMAGE_LABEL}=app ${SOURCE_LABEL}=${source}
WORKDIR ${APP_DIR}
COPY . ${APP_DIR}
RUN ${JSON.stringify(['/usr/bin/node', '-e', makeWritable])}
USER ${uid}:${gid}
`;
}

/**
 * A short hash of the code version and of what npm installed (node_modules/.package-lock.json, which
 * npm rewrites on every install); undefined outside a git checkout. Taken once per process and
 * checkout: a process that plays several patterns (a test file) plays them from one image even while
 * files are being edited, and the next `journey` command sees the edits.
 */
const sourceTags = new Map<string, string | undefined>();
function sourceTag(repoRoot: string): string | undefined {
  if (!sourceTags.has(repoRoot)) sourceTags.set(repoRoot, hashSource(repoRoot));
  return sourceTags.get(repoRoot);
}

function hashSource(repoRoot: string): string | undefined {
  const version = codeVersion(repoRoot);
  if (version === UNKNOWN_CODE) return undefined;
  const hash = createHash('sha256').update(version);
  try {
    hash.update(readFileSync(join(repoRoot, 'node_modules', '.package-lock.json')));
  } catch {
    hash.update('no node_modules');
  }
  return hash.digest('hex').slice(0, 16);
}
