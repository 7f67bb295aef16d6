import type { Topology } from '@journey/topology';
import type { KubernetesObject } from './deploy-options.js';
import type { DeploymentPlan } from './deployment-plan.js';
import { BROKER_SECRET_KEY, brokerNamespace } from './deployment-plan.js';
import { namespaceOf, secretName } from './kubernetes-objects.js';

/** The broker's cluster in a cluster is an operator's custom resource, named after the pattern. */
export const brokerClusterName = (topology: Topology) => `${topology.id}-broker`;

export interface BrokerResources {
  objects: KubernetesObject[];
  /** What the learner does that no object can: install the operator, copy its credentials. */
  notes: string[];
}

/**
 * The broker the processes need in a cluster, as its operator's resources: the RabbitMQ Cluster
 * Operator's RabbitmqCluster, or Strimzi's Kafka (KRaft, with a node pool) and a KafkaTopic per
 * consumer group's stream; NATS has no operator resource of its own (its Helm chart is the way).
 */
export function brokerResources(plan: DeploymentPlan): BrokerResources {
  const choice = plan.broker?.choice;
  const topology = plan.topology;
  const broker = topology.infrastructure.find((i) => i.kind === 'broker');
  if (!choice || !broker) return { objects: [], notes: [] };
  const namespace = namespaceOf(topology);
  const name = brokerClusterName(topology);
  const fill = `then set ${BROKER_SECRET_KEY} in overlays/cluster/secrets.env (Secret ${secretName(topology)})`;
  if (choice === 'rabbitmq') {
    return {
      objects: [
        {
          apiVersion: 'rabbitmq.com/v1beta1',
          kind: 'RabbitmqCluster',
          metadata: { name, namespace },
          spec: {
            replicas: 3,
            resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } },
            persistence: { storage: '5Gi' },
          },
        },
      ],
      notes: [
        'Install the RabbitMQ Cluster Operator first (kubectl apply -f its cluster-operator.yml release asset).',
        `Its credentials are in Secret ${name}-default-user (username, password): ${fill} as amqp://<username>:<password>@${name}.${namespace}.svc:5672.`,
      ],
    };
  }
  if (choice === 'kafka') {
    // The Kafka adapter's one topic, `<BROKER_NAMESPACE>.events`; its underscores are no Kubernetes name.
    const topics = (broker.groups ?? []).length > 0 ? [`${brokerNamespace(topology)}.events`] : [];
    return {
      objects: [
        {
          apiVersion: 'kafka.strimzi.io/v1beta2',
          kind: 'KafkaNodePool',
          metadata: { name: 'dual-role', namespace, labels: { 'strimzi.io/cluster': name } },
          spec: {
            replicas: 3,
            roles: ['controller', 'broker'],
            storage: { type: 'persistent-claim', size: '10Gi', deleteClaim: false },
          },
        },
        {
          apiVersion: 'kafka.strimzi.io/v1beta2',
          kind: 'Kafka',
          metadata: {
            name,
            namespace,
            annotations: { 'strimzi.io/node-pools': 'enabled', 'strimzi.io/kraft': 'enabled' },
          },
          spec: {
            kafka: {
              listeners: [{ name: 'plain', port: 9092, type: 'internal', tls: false }],
              config: {
                'offsets.topic.replication.factor': 3,
                'transaction.state.log.replication.factor': 3,
                'transaction.state.log.min.isr': 2,
                'default.replication.factor': 3,
                'min.insync.replicas': 2,
              },
            },
            entityOperator: { topicOperator: {}, userOperator: {} },
          },
        },
        ...topics.map((topic) => ({
          apiVersion: 'kafka.strimzi.io/v1beta2',
          kind: 'KafkaTopic',
          metadata: { name: `${topology.id}-events`, namespace, labels: { 'strimzi.io/cluster': name } },
          spec: { topicName: topic, partitions: 6, replicas: 3, config: { 'retention.ms': 604_800_000 } },
        })),
      ],
      notes: [
        'Install Strimzi first (its strimzi-cluster-operator release YAML, watching this namespace).',
        `The bootstrap address is ${name}-kafka-bootstrap.${namespace}.svc:9092: ${fill} as kafka://${name}-kafka-bootstrap.${namespace}.svc:9092.`,
      ],
    };
  }
  if (choice === 'nats') {
    return {
      objects: [],
      notes: [
        'NATS has no operator resource here: install it with its Helm chart (nats/nats) with JetStream on (config.jetstream.enabled=true) as release "nats" in this namespace, which the ConfigMaps point at (nats://nats:4222).',
      ],
    };
  }
  return { objects: [], notes: [] };
}
