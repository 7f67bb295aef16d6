/** Where each broker server lives unless the learner says otherwise: the servers on this machine. */
export const DEFAULT_RABBITMQ_URL = process.env.JOURNEY_RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
export const DEFAULT_NATS_URL = process.env.JOURNEY_NATS_URL ?? 'nats://127.0.0.1:4222';
