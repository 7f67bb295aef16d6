import { isRequestResponse, type ProcessSpec, processUrlEnv, type Topology } from '@journey/topology';
import type { DeployDatabase } from './deploy-options.js';
import { localAdminPorts, localPorts } from './local-ports.js';
import { isMeshControlPlane, isMeshPod, meshService, unwrappedCommand } from './mesh-pods.js';

/**
 * Where the artifacts run: `compose` (one machine, a network per project, services by name),
 * `cluster` (Kubernetes: Services by DNS name on port 80) or `local` (`podman kube play` with
 * hostNetwork: every process on 127.0.0.1 at its fixed port).
 */
export type Place = 'compose' | 'cluster' | 'local';

/** Where the processes keep what they write: trace spans under the run dir, SQLite files under the data dir. */
export const APP_DIR = '/app';
export const RUN_DIR = `${APP_DIR}/run`;
export const DATA_DIR = `${APP_DIR}/data`;
/** The Services' port in a cluster; pods listen on their own fixed port, named `http`. */
export const SERVICE_PORT = 80;

/** One process as deployed: its port, command and environment for one place. */
export interface PlannedProcess {
  spec: ProcessSpec;
  name: string;
  port: number;
  /** The plaintext port its health answers on when its main one speaks mTLS only (a meshed pod). */
  adminPort?: number;
  command: string[];
  /** Plain environment: goes in a ConfigMap or compose `environment`. */
  env: Record<string, string>;
  /** Environment read from the deployment's Secret, by variable: the Secret's key. */
  secretEnv: Record<string, string>;
  /** Keeps a SQLite file, so it needs the data volume and must stay one replica. */
  keepsFiles: boolean;
  /** The Service name callers use in a cluster, and its pod labels. */
  service: string;
  labels: Record<string, string>;
}

export interface BrokerPlan {
  choice: string;
  /** Absent in a cluster where the operator's Secret holds it (RabbitMQ, Kafka). */
  url?: string;
}

export interface DeploymentPlan {
  topology: Topology;
  place: Place;
  database: DeployDatabase;
  broker?: BrokerPlan;
  processes: PlannedProcess[];
  /** PostgreSQL databases the processes expect, to create before they start. */
  postgresDatabases: string[];
  /** Secret keys and the values a local run may use (cluster: the learner fills them). */
  secretKeys: string[];
}

/** The secret every process signs and checks tokens with. */
export const JWT_SECRET_KEY = 'jwt-secret';

const BROKER_SERVERS: Record<string, Record<Exclude<Place, 'cluster'>, string>> = {
  rabbitmq: { compose: 'amqp://guest:guest@rabbitmq:5672', local: 'amqp://guest:guest@127.0.0.1:5672' },
  nats: { compose: 'nats://nats:4222', local: 'nats://127.0.0.1:4222' },
  kafka: { compose: 'kafka://kafka:9092', local: 'kafka://127.0.0.1:9092' },
  embedded: { compose: `embedded:${DATA_DIR}/events.sqlite`, local: `embedded:${DATA_DIR}/events.sqlite` },
};
export const DEPLOY_BROKERS = Object.keys(BROKER_SERVERS);
/** In a cluster the broker is the operator's: its connection string is a Secret key, except NATS's. */
const CLUSTER_NATS_URL = 'nats://nats:4222';

/** `journey_<pattern>_<name>`: PostgreSQL's name for one database of one pattern. */
export const postgresDatabase = (slug: string, name: string) =>
  `journey_${slug}_${name}`.replace(/[^a-z0-9_]/gi, '_').toLowerCase();

export const databaseSecretKey = (infrastructure: string) => `${infrastructure}-database-url`;
export const BROKER_SECRET_KEY = 'broker-url';

/**
 * The one place that decides what each process is told, so compose, both overlays and the chart
 * cannot disagree. A meshed pod in a cluster is its service alone: the cluster's mesh (Istio,
 * Linkerd, Consul) injects the sidecar and replaces mesh-control.
 */
/** What the processes name their exchange, stream or topic after (`BROKER_NAMESPACE`): one per pattern. */
export const brokerNamespace = (topology: Topology) => `journey_${topology.id.replace(/-/g, '_')}`;

export function planDeployment(
  topology: Topology,
  place: Place,
  database: DeployDatabase,
  brokerChoice?: string,
): DeploymentPlan {
  const ports = localPorts(topology);
  const adminPorts = localAdminPorts(topology);
  const broker = planBroker(topology, place, brokerChoice);
  const sidecarsByCluster = place === 'cluster';
  const deployed = topology.processes.filter((p) => !(sidecarsByCluster && isMeshControlPlane(topology, p)));
  // A pod's service (its app label, its identity) is the same everywhere; only in a cluster is it
  // also the one address its versions share.
  const serviceOf = (name: string) => meshService(topology.processes.find((p) => p.name === name)!);
  const urlOf = (name: string) =>
    place === 'cluster'
      ? `http://${serviceOf(name)}`
      : place === 'compose'
        ? `http://${name}:${ports.get(name)}`
        : `http://127.0.0.1:${ports.get(name)}`;
  const secretKeys = new Set([JWT_SECRET_KEY]);
  const processes = deployed.map((spec): PlannedProcess => {
    const env: Record<string, string> = { JOURNEY_RUN_DIR: RUN_DIR, ...optionDefaults(topology) };
    const secretEnv: Record<string, string> = { JWT_SECRET: JWT_SECRET_KEY };
    let keepsFiles = false;
    for (const use of spec.uses ?? []) {
      const piece = topology.infrastructure.find((i) => i.name === use)!;
      if (piece.kind === 'database') {
        if (database === 'sqlite') {
          env[piece.urlEnv] = `${DATA_DIR}/${piece.name}.sqlite`;
          keepsFiles = true;
        } else if (place === 'compose') {
          env[piece.urlEnv] =
            `postgres://postgres@postgres:5432/${postgresDatabase(topology.id, piece.name)}`;
        } else {
          secretEnv[piece.urlEnv] = databaseSecretKey(piece.name);
          secretKeys.add(databaseSecretKey(piece.name));
        }
      } else if (piece.kind === 'broker' && broker) {
        env.BROKER_NAMESPACE = brokerNamespace(topology);
        if (place === 'cluster' && broker.choice !== 'nats') {
          secretEnv[piece.urlEnv] = BROKER_SECRET_KEY;
          secretKeys.add(BROKER_SECRET_KEY);
        } else env[piece.urlEnv] = broker.url!;
        if (broker.choice === 'embedded') keepsFiles = true;
      }
    }
    for (const edge of topology.edges) {
      if (edge.from !== spec.name || !isRequestResponse(edge.protocol)) continue;
      if (!deployed.some((p) => p.name === edge.to)) continue;
      // In a cluster a version is a pod behind its service's one name: the mesh splits between them.
      env[processUrlEnv(sidecarsByCluster ? serviceOf(edge.to) : edge.to)] = urlOf(edge.to);
    }
    Object.assign(env, spec.env);
    if (sidecarsByCluster && isMeshPod(spec))
      for (const key of Object.keys(env)) if (key.startsWith('MESH_')) delete env[key];
    const port = ports.get(spec.name)!;
    env[spec.portEnv] = String(port);
    const adminPort = sidecarsByCluster ? undefined : adminPorts.get(spec.name);
    if (adminPort !== undefined && spec.adminPortEnv) env[spec.adminPortEnv] = String(adminPort);
    const service = serviceOf(spec.name);
    return {
      spec,
      name: spec.name,
      port,
      ...(adminPort !== undefined && { adminPort }),
      command: sidecarsByCluster && isMeshPod(spec) ? unwrappedCommand(spec) : spec.command,
      env,
      secretEnv,
      keepsFiles,
      service,
      labels: {
        app: service,
        ...(spec.env?.MESH_VERSION !== undefined && { version: spec.env.MESH_VERSION }),
        'app.kubernetes.io/part-of': `journey-${topology.id}`,
        'app.kubernetes.io/component': spec.name,
      },
    };
  });
  const postgresDatabases =
    database === 'postgres'
      ? topology.infrastructure
          .filter((i) => i.kind === 'database')
          .map((i) => postgresDatabase(topology.id, i.name))
      : [];
  return { topology, place, database, broker, processes, postgresDatabases, secretKeys: [...secretKeys] };
}

/** A topology option's default (`SERVERLESS_PLATFORM=aws`): what the lab hands when no flag is given. */
function optionDefaults(topology: Topology): Record<string, string> {
  return Object.fromEntries(
    (topology.options ?? []).flatMap((option) => (option.choices ? [[option.env, option.choices[0]!]] : [])),
  );
}

function planBroker(topology: Topology, place: Place, choice: string | undefined): BrokerPlan | undefined {
  if (!topology.infrastructure.some((i) => i.kind === 'broker')) {
    if (choice !== undefined) throw new Error(`--broker: pattern "${topology.id}" has no broker`);
    return undefined;
  }
  const picked = choice ?? 'rabbitmq';
  if (!DEPLOY_BROKERS.includes(picked))
    throw new Error(`--broker must be one of ${DEPLOY_BROKERS.join(', ')}, not "${picked}"`);
  if (picked === 'embedded' && place === 'cluster') {
    throw new Error(
      'the embedded broker is one SQLite file every process shares: pods on several nodes cannot; use --broker rabbitmq, nats or kafka',
    );
  }
  if (place !== 'cluster') return { choice: picked, url: BROKER_SERVERS[picked]![place] };
  return picked === 'nats' ? { choice: picked, url: CLUSTER_NATS_URL } : { choice: picked };
}
