import { describeTopologyContract } from '@journey/orchestrator/testing';

// Every suite goes through the bus as `journey up soa` starts it: the registry, the three enterprise
// services on one shared database and the bus, each request crossing SOAP into the services.
await describeTopologyContract('soa');
