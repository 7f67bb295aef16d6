import type { ClusterService } from './cluster-services.js';

/** Conduit's namespace in a cluster; the lab's identities say `ns/lab`, a cluster's `ns/conduit`. */
export const NAMESPACE = 'conduit';
/** Every Service listens on 80 and forwards to the pods' container port of this name. */
export const POD_PORT_NAME = 'http';
export const SERVICE_PORT = 80;
export const APP_LABEL = 'app';
export const VERSION_LABEL = 'version';

/**
 * What the generated resources assume of the Deployments they do not include (images and resources
 * are the cluster's business, not the policy's).
 */
export const WORKLOAD_CONTRACT =
  `deploy each version's pods in namespace ${NAMESPACE} with labels ${APP_LABEL}=<service> and ` +
  `${VERSION_LABEL}=<version>, serviceAccountName <service> and a container port named ${POD_PORT_NAME}`;

type Strings = Record<string, string>;

export interface Metadata {
  name: string;
  namespace: string;
  labels?: Strings;
  annotations?: Strings;
}

export const metadata = (
  name: string,
  extra: { labels?: Strings; annotations?: Strings } = {},
): Metadata => ({
  name,
  namespace: NAMESPACE,
  ...extra,
});

/** A DNS-1123 name (lowercase letters, digits, dashes, 63 at most) from a policy's names. */
export const kubernetesName = (...parts: string[]) =>
  parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');

export const namespace = (extra: { labels?: Strings; annotations?: Strings }) => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: NAMESPACE, ...extra },
});

/** The identity a mesh issues the service's certificate for: Istio's principal, Linkerd's and Consul's name. */
export const serviceAccount = (service: string) => ({
  apiVersion: 'v1',
  kind: 'ServiceAccount',
  metadata: metadata(service),
});

export const kubernetesService = (name: string, selector: Strings, annotations?: Strings) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: metadata(name, annotations ? { annotations } : {}),
  spec: {
    selector,
    ports: [{ name: POD_PORT_NAME, port: SERVICE_PORT, targetPort: POD_PORT_NAME }],
  },
});

/** The namespace, then each service's identity and Service: what every target deploys first. */
export const workloadObjects = (
  services: ClusterService[],
  namespaceMetadata: { labels?: Strings; annotations?: Strings },
  serviceAnnotations: (service: ClusterService) => Strings | undefined = () => undefined,
) => [
  namespace(namespaceMetadata),
  ...services.map((service) => serviceAccount(service.name)),
  ...services.map((service) =>
    kubernetesService(service.name, { [APP_LABEL]: service.name }, serviceAnnotations(service)),
  ),
];
