import { describeConduitContract } from '@journey/testkit';
import { buildApp } from '../src/app.js';

await describeConduitContract('layered', buildApp);
