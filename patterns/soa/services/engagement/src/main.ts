import { runSoapService } from '@journey/soa-service-host';
import { engagementEndpoints } from './index.js';

runSoapService('engagement', engagementEndpoints);
