import type { RunningPattern } from '@journey/topology';

export interface MeshControlAnswer {
  status: number;
  text: string;
  /** The parsed JSON body; undefined when it is not JSON (the policy's YAML). */
  json: unknown;
}

/** The address of the running mesh's control plane, as the lab publishes its processes. */
export function meshControlUrl(running: RunningPattern): string {
  const control = running.processes.find((process) => process.name === 'mesh-control');
  if (!control) throw new Error('the running service-mesh has no mesh-control process');
  return control.url;
}

/** One call to mesh-control; a control plane that does not answer is an error naming it. */
export async function callMeshControl(
  baseUrl: string,
  path: string,
  init: RequestInit = {},
): Promise<MeshControlAnswer> {
  const url = new URL(path, baseUrl);
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(120_000) });
  } catch (error) {
    throw new Error(
      `mesh-control did not answer ${init.method ?? 'GET'} ${url}: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}

/** The body of a 2xx answer; anything else is an error quoting what mesh-control said. */
export function expectOk<T>(answer: MeshControlAnswer, what: string): T {
  if (answer.status < 200 || answer.status >= 300) {
    throw new Error(`${what}: mesh-control answered ${answer.status}: ${answer.text.slice(0, 500)}`);
  }
  return answer.json as T;
}

/** The problems of a refusal in the lab's error shape (`{"errors":{key:[…]}}`), one per line. */
export function refusalProblems(answer: MeshControlAnswer): string[] {
  const errors = (answer.json as { errors?: Record<string, string[]> } | undefined)?.errors;
  return errors ? Object.values(errors).flat() : [answer.text];
}
