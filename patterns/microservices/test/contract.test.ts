import { describeTopologyContract } from '@journey/testkit';

// Every suite goes through the gateway, so each request crosses real service boundaries over HTTP.
await describeTopologyContract('microservices');
