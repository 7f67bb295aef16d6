import type { ServiceProcess } from '@journey/platform';
import { createLogger } from '@journey/platform';
import { contractOf, type IdentityV1, type Profile, serviceFault } from '@journey/soa-contracts';
import { listServices } from '@journey/soa-registry';
import { buildSoapService, requireViewer, type ServiceEndpoint } from '@journey/soa-service-host';
import { type OperationContext, SoapFaultError, soapClient, soapFault } from '@journey/soa-soap-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { type StartedRegistry, startRegistry } from '../registry/registry-support.js';
import { envelope, faultCode, isSoapFault, post } from '../soap-kit/raw-soap.js';
import { enterpriseDatabases, type TestDatabase } from './enterprise-databases.js';

const log = createLogger('identity', 'silent');
const identityV1 = contractOf('identity', 1);
const sqlite = enterpriseDatabases.find(({ name }) => name === 'sqlite')!;

/** Identity v1 with canned answers: what the host does is under test, not what identity does. */
function cannedIdentity(calls: string[]): ServiceEndpoint {
  const jake = { id: 1, email: 'jake@jake.jake', token: 't', username: 'jake' };
  const unknown = () => {
    throw soapFault('NOT_FOUND', 'not in this fixture', serviceFault('NOT_FOUND', { user: ['not found'] }));
  };
  return {
    contract: identityV1,
    implementation: {
      Register: unknown,
      Authenticate: unknown,
      UpdateUser: unknown,
      GetCurrentUser: (_input: IdentityV1['GetCurrentUser']['request'], context: OperationContext) => {
        calls.push(`GetCurrentUser as ${requireViewer(context)}`);
        return { user: jake };
      },
      GetProfile: ({
        username,
      }: IdentityV1['GetProfile']['request']): IdentityV1['GetProfile']['response'] => {
        calls.push(`GetProfile ${username}`);
        return { profile: { username, bio: 'I work at statefarm', following: false } };
      },
    },
  };
}

interface Started {
  origin: string;
  endpoint: string;
  calls: string[];
  service: ServiceProcess;
}

const opened: Array<{ service?: ServiceProcess; database: TestDatabase }> = [];
let registry: StartedRegistry | undefined;
afterEach(async () => {
  for (const { service, database } of opened.splice(0)) {
    await service?.close();
    await database.dispose();
  }
  await registry?.close();
  registry = undefined;
});

async function startIdentity(options: { registry?: string } = {}): Promise<Started> {
  const database = await sqlite.provision('host');
  const entry: (typeof opened)[number] = { database };
  opened.push(entry);
  const calls: string[] = [];
  const service = await buildSoapService({
    service: 'identity',
    databaseUrl: database.url,
    logger: log,
    registry: options.registry,
    endpoints: () => [cannedIdentity(calls)],
  });
  entry.service = service;
  const origin = await service.app.listen({ port: 0, host: '127.0.0.1' });
  return { origin, endpoint: `${origin}/soap/identity/v1`, calls, service };
}

describe('buildSoapService', () => {
  it('when it listens, then /health says the service is alive and /ready that its database answers', async () => {
    const { origin } = await startIdentity();
    const health = await fetch(`${origin}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', service: 'identity' });
    const ready = await fetch(`${origin}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', service: 'identity' });
  });

  it('when the WSDL is read, then every port names the address the process listens on', async () => {
    const { endpoint } = await startIdentity();
    const wsdl = await (await fetch(`${endpoint}?wsdl`)).text();
    const addresses = [...wsdl.matchAll(/address\s+location="([^"]*)"/g)].map((match) => match[1]);
    expect(addresses).toEqual([endpoint, endpoint]);
    expect(wsdl).toContain(`schemaLocation="${endpoint}?xsd=`);
  });

  it('when a client built from the served WSDL calls, then the mounted endpoint answers in SOAP 1.1 and 1.2', async () => {
    const { endpoint, calls } = await startIdentity();
    for (const soapVersion of ['1.1', '1.2'] as const) {
      const client = await soapClient(`${endpoint}?wsdl`, { timeoutMs: 5_000, soapVersion });
      const answer = await client.call<{ profile: Profile }>('GetProfile', { username: 'jake' });
      expect(answer.profile).toEqual({ username: 'jake', bio: 'I work at statefarm', following: false });
    }
    expect(calls).toEqual(['GetProfile jake', 'GetProfile jake']);
  });

  it('when the CallContext names a viewer, then the handler gets it; without one, a declared UNAUTHORIZED fault', async () => {
    const { endpoint, calls } = await startIdentity();
    const client = await soapClient(`${endpoint}?wsdl`, { timeoutMs: 5_000 });
    await client.call('GetCurrentUser', {}, { headers: { CallContext: { viewerId: 7 } } });
    expect(calls).toEqual(['GetCurrentUser as 7']);
    const refused = await client.call('GetCurrentUser', {}).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SoapFaultError);
    expect(refused).toMatchObject({ code: 'UNAUTHORIZED', declared: true });
  });

  it('when a hostile envelope (an external entity) comes through the mount, then it is a SOAP fault and no handler runs', async () => {
    const { endpoint, calls } = await startIdentity();
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY secret SYSTEM "file:///etc/passwd">]>' +
      envelope(
        'http://schemas.xmlsoap.org/soap/envelope/',
        '<m:GetProfile xmlns:m="urn:journey:conduit:identity:v1"><m:username>&secret;</m:username></m:GetProfile>',
      );
    const answer = await post(
      endpoint,
      {
        'content-type': 'text/xml; charset=utf-8',
        soapaction: '"urn:journey:conduit:identity:v1/GetProfile"',
      },
      xxe,
    );
    expect(answer.status).toBe(500);
    expect(isSoapFault(answer.body)).toBe(true);
    expect(faultCode(answer.body)).toBe('DtdForbidden');
    expect(answer.body).not.toContain('root:');
    expect(calls).toEqual([]);
  });

  it('when a body is no SOAP media type, then the kit (not Fastify) answers its 415 fault', async () => {
    const { endpoint } = await startIdentity();
    const answer = await post(endpoint, { 'content-type': 'application/json' }, '{"username":"jake"}');
    expect(answer.status).toBe(415);
    expect(faultCode(answer.body)).toBe('UnsupportedMediaType');
  });

  it('when SOAP calls were answered, then /metrics counts them under the endpoint route', async () => {
    const { origin, endpoint } = await startIdentity();
    const client = await soapClient(`${endpoint}?wsdl`, { timeoutMs: 5_000 });
    await client.call('GetProfile', { username: 'jake' });
    const metrics = await (await fetch(`${origin}/metrics`)).text();
    // Metrics are per process: this asserts the hijacked POST route is measured at all, not a count.
    expect(metrics).toContain('method="POST",route="/soap/identity/v1",status_code="200"');
  });

  it('when a registry is given, then each endpoint is registered as <major>.0 once listening and withdrawn on close', async () => {
    registry = await startRegistry();
    const { endpoint, service } = await startIdentity({ registry: registry.url });
    const listed = await listServices(registry.url);
    expect(listed.services).toHaveLength(1);
    const [identity] = listed.services;
    expect(identity!.name).toBe('identity');
    expect(identity!.versions.map(({ version }) => version)).toEqual(['1.0']);
    expect(identity!.versions[0]!.instances).toEqual([
      expect.objectContaining({
        id: `identity-v1-${process.pid}`,
        endpoint,
        wsdlUrl: `${endpoint}?wsdl`,
        soapVersions: ['1.1', '1.2'],
      }),
    ]);
    await service.close();
    opened[0]!.service = undefined;
    expect((await listServices(registry.url)).services.flatMap(({ versions }) => versions)).toEqual([]);
  });

  it("when it is given another service's contract, then it refuses to build, naming it", async () => {
    const database = await sqlite.provision('host-wrong');
    opened.push({ database });
    await expect(
      buildSoapService({
        service: 'publishing',
        databaseUrl: database.url,
        logger: log,
        endpoints: () => [cannedIdentity([])],
      }),
    ).rejects.toThrow('the publishing process was given endpoints of identity v1');
  });
});
