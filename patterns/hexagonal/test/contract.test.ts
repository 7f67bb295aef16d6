import { describeConduitContract } from '@journey/testkit';
import { buildApp } from '../src/bootstrap.js';

// One contract, every storage adapter: only the composition root's choice differs. The in-memory
// adapter runs the suites too: it must hold the same guarantees under concurrent requests.
await describeConduitContract('hexagonal', buildApp, [{ name: 'memory', url: 'memory:' }]);
