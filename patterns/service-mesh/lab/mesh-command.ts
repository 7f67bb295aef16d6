import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type PatternCommand, type PatternCommandContext, textColumns, UsageError } from '@journey/topology';
import type { CertificateRotated, PolicyApplied } from '../control-plane/src/mesh-control.js';
import type { MeshStatus } from '../control-plane/src/mesh-status.js';
import {
  generateManifests,
  MANIFEST_TARGETS,
  type ManifestTarget,
  manifestsAsYaml,
} from '../manifests/src/index.js';
import { parsePolicy } from '../policy/src/parse-policy.js';
import { callMeshControl, expectOk, meshControlUrl, refusalProblems } from './mesh-control-client.js';
import { verifyMtls } from './verify-mtls.js';

const SUBCOMMANDS = ['apply', 'status', 'rotate', 'verify-mtls', 'manifests'];
const DEFAULT_POLICY = fileURLToPath(new URL('../mesh-policy.yaml', import.meta.url));

type Context = PatternCommandContext;

/**
 * `journey mesh apply <policy.yaml> | status | rotate | verify-mtls | manifests --target … [--out dir]`:
 * the running mesh as an operator meets it, through its control plane (istioctl's job).
 */
const mesh: PatternCommand = async (args, context) => {
  const [subcommand, ...rest] = args;
  switch (subcommand) {
    case 'apply':
      return apply(rest, context);
    case 'status':
      noArguments('status', rest);
      return status(context);
    case 'rotate':
      noArguments('rotate', rest);
      return rotate(context);
    case 'verify-mtls':
      noArguments('verify-mtls', rest);
      return verify(context);
    case 'manifests':
      return manifests(rest, context);
    default:
      throw new UsageError(
        subcommand === undefined ? 'journey mesh: which one?' : `journey mesh: no subcommand "${subcommand}"`,
        SUBCOMMANDS,
      );
  }
};

export default mesh;

function noArguments(subcommand: string, rest: string[]) {
  if (rest.length > 0)
    throw new UsageError(`journey mesh ${subcommand}: takes no arguments, got ${rest.join(' ')}`);
}

async function apply(rest: string[], { running, print, progress }: Context): Promise<number> {
  const [file, ...extra] = rest;
  if (file === undefined || extra.length > 0)
    throw new UsageError(
      'journey mesh apply: give one policy file, e.g. patterns/service-mesh/policies/canary-10.yaml',
    );
  const text = await readFile(resolve(file), 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`journey mesh apply: cannot read ${file} (${error.code ?? error.message})`);
  });
  const url = meshControlUrl(running());
  progress(`applying ${file}…`);
  const answer = await callMeshControl(url, '/policy', {
    method: 'POST',
    headers: { 'content-type': 'application/yaml' },
    body: text,
  });
  if (answer.status === 422 || answer.status === 413) {
    print(`✗ mesh-control refused ${file}; nothing changed:`);
    for (const problem of refusalProblems(answer)) print(`  ${problem}`);
    return 1;
  }
  const applied = expectOk<PolicyApplied>(answer, `applying ${file}`);
  print(`policy generation ${applied.generation} applied from ${file}:`);
  for (const pod of applied.pods) {
    if (pod.reloaded === null) print(`  ${pod.process}: unchanged`);
    else if (pod.reloaded) print(`  ${pod.process}: reloaded without dropping a call`);
    else print(`  ✗ ${pod.process}: configuration written, but its sidecar did not reload (${pod.error})`);
    for (const change of pod.changes) print(`      ${change}`);
  }
  return applied.pods.some((pod) => pod.reloaded === false) ? 1 : 0;
}

const readStatus = async (running: Context['running']) =>
  expectOk<MeshStatus>(await callMeshControl(meshControlUrl(running()), '/status'), 'reading the status');

async function status({ running, print }: Context): Promise<number> {
  const mesh = await readStatus(running);
  const { policy } = mesh;
  print(
    `policy generation ${mesh.generation} · trust domain ${policy.trustDomain} · certificates live ${policy.certificateTtl}`,
  );
  print('');
  const services = Object.entries(policy.services).map(([name, service]) => [
    name,
    service.split
      ? Object.entries(service.split)
          .map(([version, percent]) => `${version} ${percent}%`)
          .join(' / ')
      : 'v1',
    service.routes.join(', ') || '-',
    service.callers === 'any' ? 'any mesh identity' : service.callers.join(', '),
    String(service.faults),
  ]);
  for (const line of textColumns([['SERVICE', 'SPLIT', 'ROUTES', 'MAY BE CALLED BY', 'FAULTS'], ...services]))
    print(line);
  print('');
  const pods = mesh.pods.map((pod) => [
    pod.process,
    `${pod.service} ${pod.version}${pod.ingress ? ' (ingress)' : ''}`,
    `${pod.generation}${pod.generation === mesh.generation ? '' : ' (unchanged since)'}`,
    expiresIn(pod.certificateNotAfter),
    pod.workers === null ? `down (${pod.error})` : pod.workers.join(', '),
    pod.identity,
  ]);
  for (const line of textColumns([
    ['POD', 'SERVICE', 'GENERATION', 'CERTIFICATE', 'WORKERS', 'IDENTITY'],
    ...pods,
  ])) {
    print(line);
  }
  return 0;
}

function expiresIn(notAfter: string): string {
  const minutes = Math.round((Date.parse(notAfter) - Date.now()) / 60_000);
  if (minutes < 0) return 'expired';
  return minutes < 120 ? `expires in ${minutes} min` : `expires in ${Math.round(minutes / 60)} h`;
}

async function rotate({ running, print }: Context): Promise<number> {
  const answer = await callMeshControl(meshControlUrl(running()), '/rotate', { method: 'POST' });
  const { pods } = expectOk<{ pods: CertificateRotated[] }>(answer, 'rotating the certificates');
  for (const pod of pods) {
    print(
      pod.pushed
        ? `${pod.process}: new certificate until ${pod.notAfter}, in use without a reload`
        : `✗ ${pod.process}: new certificate until ${pod.notAfter} written, but its sidecar did not take it (${pod.error})`,
    );
  }
  return pods.every((pod) => pod.pushed) ? 0 : 1;
}

async function verify({ running, print, progress, record }: Context): Promise<number> {
  const mesh = await readStatus(running);
  progress(`calling ${mesh.pods.filter((pod) => !pod.ingress).length} pods as a stranger and as the mesh…`);
  const checks = await verifyMtls(mesh);
  for (const line of textColumns(
    checks.map((check) => [`${check.passed ? '✓' : '✗'} ${check.process}`, check.check, check.outcome]),
  )) {
    print(line);
  }
  const failed = checks.filter((check) => !check.passed);
  const passed = checks.length > 0 && failed.length === 0;
  const pods = new Set(checks.map((check) => check.process)).size;
  const detail =
    checks.length === 0
      ? 'no pod registered with mesh-control yet'
      : failed[0]
        ? `${failed.length} of ${checks.length} checks failed, first: ${failed[0].process}, ${failed[0].check}: ${failed[0].outcome}`
        : `${pods} pods refuse plaintext, no certificate and another CA's, and answer an allowed mesh identity`;
  if (checks.length === 0) print(`✗ ${detail}`);
  record({ positionals: ['verify-mtls'], passed, detail });
  return passed ? 0 : 1;
}

async function manifests(rest: string[], { running, print, progress }: Context): Promise<number> {
  let values: { target?: string; out?: string };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: { target: { type: 'string' }, out: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(`journey mesh manifests: ${(error as Error).message}`, ['--target', '--out']);
  }
  const target = values.target as ManifestTarget | undefined;
  if (target === undefined || !MANIFEST_TARGETS.includes(target)) {
    throw new UsageError(
      `journey mesh manifests: --target must be one of ${MANIFEST_TARGETS.join(', ')}`,
      MANIFEST_TARGETS,
    );
  }
  const { text, source } = await policyToTranslate(running, progress);
  const generated = generateManifests(parsePolicy(text), target);
  if (values.out === undefined) {
    for (const line of manifestsAsYaml(generated).trimEnd().split('\n')) print(line);
    return 0;
  }
  await mkdir(values.out, { recursive: true });
  for (const manifest of generated) {
    const file = join(values.out, manifest.file);
    await writeFile(file, manifestsAsYaml([manifest]));
    print(
      `${file}: ${manifest.objects.length} object(s)${manifest.notes.length > 0 ? `, ${manifest.notes.length} note(s)` : ''}`,
    );
  }
  progress(`${target} manifests from ${source}`);
  return 0;
}

/** The running mesh's policy, or the default file when no mesh runs: manifests need no running lab. */
async function policyToTranslate(running: Context['running'], progress: Context['progress']) {
  let url: string;
  try {
    url = meshControlUrl(running());
  } catch {
    progress(`the mesh is not running: translating ${DEFAULT_POLICY}`);
    return { text: await readFile(DEFAULT_POLICY, 'utf8'), source: DEFAULT_POLICY };
  }
  const answer = await callMeshControl(url, '/policy');
  if (answer.status !== 200)
    throw new Error(`reading the running policy: mesh-control answered ${answer.status}`);
  return { text: answer.text, source: 'the running mesh' };
}
