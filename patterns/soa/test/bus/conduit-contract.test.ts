import { describeConduitContract } from '@journey/testkit';
import { buildWholePattern } from './whole-pattern.js';

// Every suite (conformance, the official Postman suite, bad input, concurrent writers) through the bus,
// each request crossing the registry and SOAP into the real services, on SQLite and PostgreSQL.
await describeConduitContract('soa', buildWholePattern);
