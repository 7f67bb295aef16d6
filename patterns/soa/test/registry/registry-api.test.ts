import type { InstanceView, ResolutionAnswer, ServicesAnswer } from '@journey/soa-registry';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { announcement, manualClock, type StartedRegistry, startRegistry } from './registry-support.js';

let registry: StartedRegistry;
afterEach(() => registry?.close());

async function send(
  method: 'GET' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  contentType = 'application/json',
) {
  const response = await request(new URL(path, registry.url), {
    method,
    headers: body === undefined ? {} : { 'content-type': contentType },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.body.text();
  return { status: response.statusCode, body: text ? JSON.parse(text) : undefined };
}

const put = (entry = announcement()) => {
  const { name, id, ...body } = entry;
  return send('PUT', `/services/${name}/${entry.version}/instances/${id}`, body);
};

const endpointsOf = (instances: InstanceView[]) => instances.map((instance) => instance.endpoint);

describe('the registry over HTTP', () => {
  it('when an instance registers, heartbeats and deregisters, then listing and resolving follow it', async () => {
    registry = await startRegistry({ leaseMs: 10_000 });
    const entry = announcement({ name: 'identity', version: '1.0', id: 'identity-1' });

    const first = await put(entry);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      service: 'identity',
      leaseMs: 10_000,
      instance: { id: 'identity-1' },
    });
    expect((await put(entry)).status).toBe(200);

    const listing = (await send('GET', '/services')).body as ServicesAnswer;
    expect(listing.services).toEqual([
      {
        name: 'identity',
        versions: [
          {
            version: '1.0',
            instances: [
              expect.objectContaining({
                endpoint: entry.endpoint,
                wsdlUrl: entry.wsdlUrl,
                soapVersions: ['1.1', '1.2'],
              }),
            ],
          },
        ],
      },
    ]);
    const resolved = await send('GET', '/services/identity?version=1');
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ service: 'identity', major: 1, version: '1.0' });

    expect((await send('DELETE', '/services/identity/1.0/instances/identity-1')).status).toBe(204);
    expect((await send('GET', '/services')).body.services).toEqual([]);
    expect(await send('GET', '/services/identity?version=1')).toEqual({
      status: 404,
      body: { errors: { service: ['no live instance of identity v1 (no version of it is registered)'] } },
    });
    expect(await send('DELETE', '/services/identity/1.0/instances/identity-1')).toEqual({
      status: 404,
      body: { errors: { instance: ['identity 1.0 has no live instance identity-1'] } },
    });
  });

  it('when v1 and v2 of a contract are live side by side, then each consumer is routed by the major it asks for', async () => {
    registry = await startRegistry();
    const v1 = announcement({ version: '1.0', id: 'e1', endpoint: 'http://127.0.0.1:4003/engagement/v1' });
    const v11 = announcement({ version: '1.1', id: 'e1', endpoint: 'http://127.0.0.1:4003/engagement/v1' });
    const v2 = announcement({ version: '2.0', id: 'e1', endpoint: 'http://127.0.0.1:4003/engagement/v2' });
    for (const entry of [v1, v2]) await put(entry);

    const major = async (n: number) =>
      (await send('GET', `/services/engagement?version=${n}`)).body as ResolutionAnswer;
    expect(await major(1)).toMatchObject({ version: '1.0', instances: [{ endpoint: v1.endpoint }] });
    expect(await major(2)).toMatchObject({ version: '2.0', instances: [{ endpoint: v2.endpoint }] });

    await put(v11);
    expect((await major(1)).version).toBe('1.1');
    expect((await major(2)).version).toBe('2.0');
    expect(await send('GET', '/services/engagement?version=3')).toEqual({
      status: 404,
      body: { errors: { service: ['no live instance of engagement v3 (live versions: 1.0, 1.1, 2.0)'] } },
    });
  });

  it('when an instance misses its heartbeats for a lease, then it is no longer listed nor resolved', async () => {
    const clock = manualClock();
    registry = await startRegistry({ leaseMs: 10_000, now: clock.now });
    await put(announcement({ id: 'silent' }));
    await put(announcement({ id: 'beating' }));
    clock.advance(9_000);
    await put(announcement({ id: 'beating' }));
    const beforeExpiry = (await send('GET', '/services/engagement?version=1')).body as ResolutionAnswer;
    expect(beforeExpiry.instances.map(({ id, leaseLeftMs }) => [id, leaseLeftMs])).toEqual([
      ['beating', 10_000],
      ['silent', 1_000],
    ]);
    clock.advance(1_000);
    const afterExpiry = (await send('GET', '/services/engagement?version=1')).body as ResolutionAnswer;
    expect(endpointsOf(afterExpiry.instances)).toHaveLength(1);
    expect(afterExpiry.instances[0]!.id).toBe('beating');
  });

  it('when the table is full, then a new instance gets a 503 naming the limit', async () => {
    registry = await startRegistry({ maxInstances: 1 });
    await put(announcement({ id: 'a' }));
    expect(await put(announcement({ id: 'b' }))).toEqual({
      status: 503,
      body: {
        errors: {
          registry: [
            'the registry holds 1 live instances, its limit; a new one is refused until a lease ends',
          ],
        },
      },
    });
  });
});

describe('the registry, given bad input', () => {
  const valid = {
    version: '1.0',
    wsdlUrl: 'http://127.0.0.1:4001/identity?wsdl',
    endpoint: 'http://127.0.0.1:4001/identity',
    soapVersions: ['1.1'],
  };
  const cases: [string, () => ReturnType<typeof send>, number, Record<string, string[]>][] = [
    [
      'a name with a space',
      () => send('PUT', '/services/iden%20tity/1.0/instances/a', valid),
      422,
      {
        name: [
          'must be a letter followed by letters, digits, "-" or "_" (64 characters at most) (in the path)',
        ],
      },
    ],
    [
      'a version that is no major.minor',
      () => send('PUT', '/services/identity/1/instances/a', { ...valid, version: '1' }),
      422,
      { version: ['must be a contract version major.minor, e.g. 1.0 (in the path)'] },
    ],
    [
      'a version with a leading zero',
      () => send('PUT', '/services/identity/1.01/instances/a', { ...valid, version: '1.01' }),
      422,
      { version: ['must be a contract version major.minor, e.g. 1.0 (in the path)'] },
    ],
    [
      'an id too long',
      () => send('PUT', `/services/identity/1.0/instances/${'x'.repeat(129)}`, valid),
      422,
      { id: ['must be letters, digits, ".", "_", ":" or "-" (128 characters at most) (in the path)'] },
    ],
    [
      'an id longer than the router keeps',
      () => send('PUT', `/services/identity/1.0/instances/${'x'.repeat(300)}`, valid),
      422,
      { route: ['a path parameter is longer than any name or id the registry keeps'] },
    ],
    [
      'a malformed percent-encoding',
      () => send('GET', '/services/iden%E0%A4%Atity?version=1'),
      400,
      { route: ['the URL is not validly encoded'] },
    ],
    [
      'a body version other than the path',
      () => send('PUT', '/services/identity/1.0/instances/a', { ...valid, version: '1.1' }),
      422,
      { version: ['is 1.1 in the body but 1.0 in the path'] },
    ],
    [
      'a missing WSDL URL',
      () => send('PUT', '/services/identity/1.0/instances/a', { ...valid, wsdlUrl: undefined }),
      422,
      { wsdlUrl: ['is required: must be an http:// or https:// URL (2048 characters at most)'] },
    ],
    [
      'a file: WSDL URL',
      () => send('PUT', '/services/identity/1.0/instances/a', { ...valid, wsdlUrl: 'file:///etc/passwd' }),
      422,
      { wsdlUrl: ['must be an http:// or https:// URL (2048 characters at most)'] },
    ],
    [
      'an endpoint that is a number',
      () => send('PUT', '/services/identity/1.0/instances/a', { ...valid, endpoint: 4001 }),
      422,
      { endpoint: ['must be an http:// or https:// URL (2048 characters at most)'] },
    ],
    [
      'no SOAP version',
      () => send('PUT', '/services/identity/1.0/instances/a', { ...valid, soapVersions: [] }),
      422,
      { soapVersions: ['must list "1.1", "1.2" or both, once each'] },
    ],
    [
      'an unknown SOAP version',
      () => send('PUT', '/services/identity/1.0/instances/a', { ...valid, soapVersions: ['1.3'] }),
      422,
      { soapVersions: ['must list "1.1", "1.2" or both, once each'] },
    ],
    [
      'a SOAP version twice',
      () => send('PUT', '/services/identity/1.0/instances/a', { ...valid, soapVersions: ['1.1', '1.1'] }),
      422,
      { soapVersions: ['must list "1.1", "1.2" or both, once each'] },
    ],
    [
      'a JSON array for a body',
      () => send('PUT', '/services/identity/1.0/instances/a', [valid]),
      422,
      { body: ['must be a JSON object'] },
    ],
    [
      'malformed JSON',
      () => send('PUT', '/services/identity/1.0/instances/a', '{"version":'),
      400,
      { body: ['is not valid JSON'] },
    ],
    [
      'XML instead of JSON',
      () => send('PUT', '/services/identity/1.0/instances/a', '<register/>', 'application/xml'),
      415,
      { body: ['must be sent as application/json'] },
    ],
    [
      'a body larger than any registration',
      () => send('PUT', '/services/identity/1.0/instances/a', { ...valid, padding: 'x'.repeat(20_000) }),
      413,
      { body: ['is too large for a registration'] },
    ],
    [
      'a resolve without a version',
      () => send('GET', '/services/identity'),
      422,
      {
        version: [
          'is required (in the query): must be the major version you were built against, e.g. ?version=1',
        ],
      },
    ],
    [
      'a resolve by major.minor',
      () => send('GET', '/services/identity?version=1.1'),
      422,
      { version: ['must be the major version you were built against, e.g. ?version=1 (in the query)'] },
    ],
    ['an unknown route', () => send('GET', '/registry'), 404, { route: ['GET /registry does not exist'] }],
  ];

  it.each(cases)(
    'when sent %s, then it is refused with a clear error and the registry keeps serving',
    async (_, call, status, errors) => {
      registry = await startRegistry();
      expect(await call()).toEqual({ status, body: { errors } });
      expect((await send('GET', '/services')).body.services).toEqual([]);
      expect((await send('GET', '/health')).status).toBe(200);
    },
  );
});
