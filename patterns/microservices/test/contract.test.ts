import { describeTopologyContract } from '@journey/orchestrator/testing';

// Every suite goes through the gateway, so each request crosses real service boundaries over HTTP.
await describeTopologyContract('microservices');
