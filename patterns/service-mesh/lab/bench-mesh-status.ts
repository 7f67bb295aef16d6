/**
 * What the sidecar-hop bench needs of the running mesh, read from mesh-control's `GET /status`: for a
 * pod, the port of its service alone (behind no proxy) and the local listener its sidecar opened for
 * each service it calls. Checked as it is read, so a control plane that stops reporting them fails the
 * bench with a sentence, not with a call to port `undefined`.
 */
export interface BenchPod {
  process: string;
  service: string;
  /** The service itself, on the port only its own sidecar forwards to. */
  appPort: number;
  /** The pod's sidecar inbound (mTLS). */
  inboundPort: number;
  /** Per upstream service, the sidecar's plaintext outbound listener the service calls. */
  outboundPorts: Record<string, number>;
}

const isPort = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 && value < 65_536;

function podOf(entry: unknown): BenchPod | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const pod = entry as Record<string, unknown>;
  const app = pod.app as { port?: unknown } | undefined;
  const outbound = (pod.outboundPorts ?? {}) as Record<string, unknown>;
  if (typeof pod.process !== 'string' || typeof pod.service !== 'string') return undefined;
  if (!isPort(app?.port) || !isPort(pod.inboundPort)) return undefined;
  if (!Object.values(outbound).every(isPort)) return undefined;
  return {
    process: pod.process,
    service: pod.service,
    appPort: app.port,
    inboundPort: pod.inboundPort,
    outboundPorts: outbound as Record<string, number>,
  };
}

/** The pods mesh-control knows, by process name. */
export async function readBenchPods(meshControlUrl: string): Promise<Map<string, BenchPod>> {
  const response = await fetch(new URL('/status', meshControlUrl));
  if (!response.ok) throw new Error(`mesh-control's /status answered ${response.status}`);
  const body = (await response.json()) as { pods?: unknown };
  const entries = Array.isArray(body.pods) ? body.pods : [];
  const pods = entries.map(podOf);
  if (entries.length === 0 || pods.some((pod) => pod === undefined)) {
    throw new Error(
      "mesh-control's /status does not list each pod's process, service, app.port, inboundPort and outboundPorts; the sidecar-hop bench needs them",
    );
  }
  return new Map(pods.map((pod) => [pod!.process, pod!]));
}
