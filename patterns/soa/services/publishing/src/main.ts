import { runSoapService } from '@journey/soa-service-host';
import { publishingEndpoints } from './index.js';

runSoapService('publishing', publishingEndpoints);
