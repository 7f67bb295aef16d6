import type { KubernetesObject } from '../deploy-options.js';

interface Container {
  ports?: { name?: string; containerPort: number }[];
  readinessProbe?: { httpGet?: { port: number | string } };
  livenessProbe?: { httpGet?: { port: number | string } };
  [key: string]: unknown;
}

interface PodSpec {
  hostNetwork?: boolean;
  containers: Container[];
  [key: string]: unknown;
}

/**
 * The local overlay's objects as podman 4.3 (Debian 12's) can play them, with only what it cannot
 * read changed; a Kubernetes cluster takes them unchanged:
 * - `ports` go from hostNetwork pods: podman turns every containerPort into a port mapping and then
 *   refuses it ("PortMappings can only be used with Bridge or slirp4netns networking"); on the host's
 *   network the process listens on its port anyway.
 * - a probe's named port (`port: http`) becomes its number: podman reads only numbers and would probe
 *   port 0.
 */
export function forPodman(objects: readonly KubernetesObject[]): KubernetesObject[] {
  return objects.map((object) => {
    const pod = podSpecOf(object);
    if (!pod) return object;
    const copy = structuredClone(object);
    const spec = podSpecOf(copy)!;
    spec.containers = spec.containers.map((container) => adapt(container, pod.hostNetwork === true));
    return copy;
  });
}

function adapt(container: Container, hostNetwork: boolean): Container {
  const named = new Map(
    (container.ports ?? []).flatMap((port) => (port.name ? [[port.name, port.containerPort] as const] : [])),
  );
  const numbered = <P extends { httpGet?: { port: number | string } }>(
    probe: P | undefined,
  ): P | undefined =>
    probe?.httpGet && typeof probe.httpGet.port === 'string' && named.has(probe.httpGet.port)
      ? { ...probe, httpGet: { ...probe.httpGet, port: named.get(probe.httpGet.port)! } }
      : probe;
  const { ports, readinessProbe, livenessProbe, ...rest } = container;
  return {
    ...rest,
    ...(!hostNetwork && ports && { ports }),
    ...(readinessProbe && { readinessProbe: numbered(readinessProbe) }),
    ...(livenessProbe && { livenessProbe: numbered(livenessProbe) }),
  };
}

/** A Pod's spec, or a Deployment's pod template's. */
function podSpecOf(object: KubernetesObject): PodSpec | undefined {
  if (object.kind === 'Pod') return object.spec as PodSpec;
  if (object.kind === 'Deployment') return (object.spec as { template: { spec: PodSpec } }).template.spec;
  return undefined;
}
