import { readFile } from 'node:fs/promises';
import type { SidecarConfig } from '../../sidecar/src/sidecar-config.js';
import { writeAtomically } from './files.js';
import type { PodRegistration } from './pod-registration.js';

/** A pod as the control plane remembers it: what it registered, and what its sidecar was last given. */
export interface RegisteredPod {
  registration: PodRegistration;
  /** What its haproxy.cfg was rendered from (its generation included). */
  config: SidecarConfig;
  certificate: { identity: string; issuedAt: string; notAfter: string };
}

/** registry.json: what a restarted mesh-control needs to go on configuring the pods it had. */
export interface RegistryFile {
  /** The policy's generation: bumped by every apply. */
  generation: number;
  /** The UDP port the sidecars send their access logs to, reused after a restart when free. */
  accessLogPort: number | null;
  pods: RegisteredPod[];
}

export async function loadRegistry(file: string): Promise<RegistryFile | undefined> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (text === undefined) return undefined;
  const notTheRegistry = (cause: unknown) =>
    new Error(`${file} is not the registry mesh-control writes (delete it to start afresh)`, { cause });
  let registry: unknown;
  try {
    registry = JSON.parse(text);
  } catch (error) {
    throw notTheRegistry(error);
  }
  if (!isRegistry(registry)) throw notTheRegistry(undefined);
  return registry;
}

/** Its outline only: a file edited by hand or cut short must fail here, not as a TypeError later. */
function isRegistry(value: unknown): value is RegistryFile {
  const registry = value as Partial<RegistryFile> | null;
  return (
    typeof registry === 'object' &&
    registry !== null &&
    Number.isInteger(registry.generation) &&
    (registry.accessLogPort === null || Number.isInteger(registry.accessLogPort)) &&
    Array.isArray(registry.pods) &&
    registry.pods.every(
      (pod: Partial<RegisteredPod> | null) =>
        typeof pod?.registration?.process === 'string' &&
        typeof pod.config?.generation === 'number' &&
        typeof pod.certificate?.notAfter === 'string',
    )
  );
}

export const saveRegistry = (file: string, registry: RegistryFile) =>
  writeAtomically(file, `${JSON.stringify(registry, null, 2)}\n`);
