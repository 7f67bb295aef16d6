export { type DeadLetter, deadLetterStore } from './dead-letters.js';
export {
  type ConsumerDefinition,
  createIdempotentConsumer,
  DEFAULT_RETRY,
  type IdempotentConsumer,
  type IdempotentConsumerOptions,
  type RetryPolicy,
} from './idempotent-consumer.js';
export { messagingMigrations } from './messaging.migrations.js';
export type { MessagingDatabase, MessagingTables } from './messaging.tables.js';
export { appendToOutbox } from './outbox.js';
export { createOutboxRelay, type OutboxRelay, type OutboxRelayOptions } from './outbox-relay.js';
