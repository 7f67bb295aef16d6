export * from './broker.port.js';
export { DEFAULT_NATS_URL, DEFAULT_RABBITMQ_URL } from './default-servers.js';
export { createDispatcher } from './dispatcher.js';
export { type EmbeddedBrokerOptions, openEmbeddedBroker } from './embedded.adapter.js';
export { type KafkaBrokerOptions, openKafkaBroker } from './kafka.adapter.js';
export {
  KAFKA_MOCK_LABEL,
  type KafkaMockCluster,
  type KafkaMockClusterOptions,
  KCAT_INSTALL,
  startKafkaMockCluster,
} from './kafka-mock-cluster.js';
export { type NatsBrokerOptions, openNatsBroker } from './nats.adapter.js';
export {
  BROKER_URL_FORMS,
  type BrokerUrlOptions,
  natsStreamName,
  openBrokerFromUrl,
} from './open-broker-from-url.js';
export { openRabbitMqBroker, type RabbitMqBrokerOptions } from './rabbitmq.adapter.js';
export { removeNamespace } from './remove-namespace.js';
export { type SettlingDelivery, settleOnce } from './settle-once.js';
export { checkpointInWorker } from './wal-checkpointer.js';
