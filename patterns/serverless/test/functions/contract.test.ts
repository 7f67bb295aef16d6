import { describeConduitContract } from '@journey/testkit';
import { buildServerlessConduit } from '../support/serverless-conduit.js';

// The four Conduit suites through the six functions, each request routed by the test host.
await describeConduitContract('serverless', buildServerlessConduit);
