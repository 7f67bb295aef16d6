import { jwtSecretOf, readJwtSecret } from '@journey/platform';
import { runSoapService } from '@journey/soa-service-host';
import { identityEndpoints } from './app.js';

// PORT (3001), HOST, DATABASE_URL, REGISTRY_URL, JWT_SECRET (else the lab's secret): see README.md.
runSoapService('identity', (data, log) => identityEndpoints(data, jwtSecretOf(readJwtSecret(), log)));
