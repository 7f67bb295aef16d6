import { describeTopologyContract } from '@journey/orchestrator/testing';

// Every suite goes through the gateway, so each write crosses a service, the broker and a consumer
// before the writer reads it back: read-your-writes (ADR 0009) is what lets the suites pass unchanged.
// On SQLite with each broker, and on PostgreSQL with the embedded log.
await describeTopologyContract('event-driven', { brokers: ['embedded', 'rabbitmq', 'nats'] });
