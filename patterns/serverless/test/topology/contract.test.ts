import { describeTopologyContract } from '@journey/orchestrator/testing';

// The whole topology as `journey test serverless` runs it, on AWS's local runtime (serverless-offline
// behind the gateway): on PostgreSQL with a fleet of instances per function, capped by the gateway so
// the concurrency suite's burst queues instead of exhausting connections, and on SQLite with --single.
await describeTopologyContract('serverless');
