import type { KubernetesObject } from '../deploy-options.js';
import type { Podman } from './podman.js';

/**
 * Creates the manifest's Secrets as podman secrets, with `overrides` (key → plain value) replacing
 * what the manifest says, and answers their names for the teardown.
 *
 * Why not let `podman kube play` create them: podman 4.3 stores a played Secret as YAML but reads a
 * `secretKeyRef` as JSON, so every pod that refers to one fails with "secret … is not valid JSON"
 * (https://github.com/containers/podman/issues/16269, fixed in 4.4). A secret made here holds what
 * 4.3 reads: a JSON object of base64 values, the Secret's `data`.
 */
export async function createPodmanSecrets(
  podman: Podman,
  secrets: readonly KubernetesObject[],
  overrides: Readonly<Record<string, string>>,
): Promise<string[]> {
  const created: string[] = [];
  for (const secret of secrets) {
    const name = secret.metadata.name;
    const data: Record<string, string> = { ...(secret.data as Record<string, string> | undefined) };
    for (const [key, value] of Object.entries(
      (secret.stringData as Record<string, string> | undefined) ?? {},
    ))
      data[key] = base64(value);
    for (const [key, value] of Object.entries(overrides)) if (key in data) data[key] = base64(value);
    // One left by a run that was killed before its teardown: same pattern, same name, stale values.
    await podman.succeeds(['secret', 'rm', name]);
    // From a variable: podman 4.3 takes `-` (stdin) only from a named pipe, and Node hands it a socket.
    await podman.run(
      ['secret', 'create', '--label', 'io.journey.lab=secret', '--env', name, SECRET_VARIABLE],
      {
        env: { [SECRET_VARIABLE]: JSON.stringify(data) },
      },
    );
    created.push(name);
  }
  return created;
}

const SECRET_VARIABLE = 'JOURNEY_SECRET_DATA';

const base64 = (value: string) => Buffer.from(value).toString('base64');
