/**
 * IdentityService in a process of its own for a volley, on the SQLite file VOLLEY_DATABASE. Guarded,
 * it is the identity process as it runs (buildIdentity: the service host mounting the kit's endpoint);
 * with `UNSAFE=1`, the same operations over the same data behind the kit with its guard switched off.
 * Prints one JSON line with the endpoint's URL, ends on SIGTERM.
 */
import { createJwtTokens, createLogger, onShutdown } from '@journey/platform';
import { contractOf } from '@journey/soa-contracts';
import { buildIdentity, identityOperations } from '@journey/soa-identity';
import { endpointPath, openEnterpriseData } from '@journey/soa-service-host';
import { serveSoap } from '@journey/soa-soap-kit';

const log = createLogger('identity-volley', 'silent');
const databaseUrl = process.env.VOLLEY_DATABASE!;
const jwtSecret = 'identity-volley-secret';
const path = endpointPath('identity', 1);

if (process.env.UNSAFE === '1') {
  const data = await openEnterpriseData(databaseUrl);
  const service = await serveSoap({
    wsdlFile: contractOf('identity', 1).wsdlFile,
    implementation: identityOperations(data, createJwtTokens(jwtSecret)),
    path,
    port: 0,
    host: '127.0.0.1',
    logger: log,
    unsafeAcceptAnyXml: true,
  });
  onShutdown(log, async () => {
    await service.close();
    await data.close();
  });
  process.stdout.write(`${JSON.stringify({ url: service.url })}\n`);
} else {
  const identity = await buildIdentity({ databaseUrl, jwtSecret, logger: log });
  const origin = await identity.app.listen({ port: 0, host: '127.0.0.1' });
  onShutdown(log, identity.close);
  process.stdout.write(`${JSON.stringify({ url: `${origin}${path}` })}\n`);
}
