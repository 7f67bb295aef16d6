import { describeTopologyContract } from '@journey/orchestrator/testing';

// The same suites on Google Cloud Functions' local runtime: a Functions Framework process per function
// behind the gateway, each serving concurrent requests on a pool of its own.
await describeTopologyContract('serverless', { options: { platform: 'gcf' } });
