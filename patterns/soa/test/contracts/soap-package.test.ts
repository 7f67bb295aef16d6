import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CANONICAL_NAMESPACE, contractOf, contracts } from '@journey/soa-contracts';
import * as soap from 'soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childNames } from './schema-elements.js';

/** The element names soap's description lists (`article[]` for a repeated one), without its bookkeeping. */
const fieldsOf = (side: object) =>
  Object.keys(side)
    .filter((key) => key !== 'targetNSAlias' && key !== 'targetNamespace')
    .map((key) => key.replace(/\[\]$/, ''));

describe.each(contracts.map((c) => [`${c.service} v${c.version}`, c] as const))(
  'the soap package and %s',
  (_, contract) => {
    it('when it builds a client from the WSDL file, then it describes the service, both ports and every operation', async () => {
      const client = await soap.createClientAsync(contract.wsdlFile);
      const description = client.describe() as Record<string, Record<string, Record<string, unknown>>>;
      expect(Object.keys(description)).toEqual([contract.serviceName]);
      const ports = description[contract.serviceName]!;
      expect(Object.keys(ports).sort()).toEqual([contract.ports.soap11, contract.ports.soap12].sort());
      for (const port of Object.values(ports)) {
        expect(Object.keys(port)).toEqual([...contract.operations]);
        for (const [name, operation] of Object.entries(port) as [string, Record<string, object>][]) {
          // It found the imported message schema: each side lists the element's children.
          expect(fieldsOf(operation.input!), name).toEqual(await childNames(contract.schemaFile, name));
          expect(fieldsOf(operation.output!), name).toEqual(
            await childNames(contract.schemaFile, `${name}Response`),
          );
        }
      }
    });
  },
);

describe('the soap package across engagement v1 and v2', () => {
  const v1 = contractOf('engagement', 1);
  const v2 = contractOf('engagement', 2);
  const seen: { port: string; header: unknown }[] = [];
  let server: Server;
  let endpoint: string;

  const follow = (port: string) => (args: { username: string }, _cb: unknown, headers: unknown) => {
    seen.push({ port, header: headers });
    return { profile: { username: args.username, following: true }, followersCount: 3 };
  };

  beforeAll(async () => {
    server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/soap/engagement/v2`;
    const wsdlText = await readFile(v2.wsdlFile, 'utf8');
    const ready = new Promise<void>((resolve, reject) => {
      soap.listen(server, {
        path: '/soap/engagement/v2',
        xml: wsdlText,
        services: {
          EngagementService: {
            EngagementSoap11: { Follow: follow('1.1') },
            EngagementSoap12: { Follow: follow('1.2') },
          },
        },
        uri: v2.wsdlFile,
        callback: (error: unknown) => (error ? reject(error) : resolve()),
      } as unknown as soap.IServerOptions);
    });
    await ready;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('when a consumer built from v1 calls Follow on a v2 service, then it gets the profile it knows', async () => {
    const client = await soap.createClientAsync(v1.wsdlFile, { endpoint });
    client.addSoapHeader({ CallContext: { viewerId: 7 } }, '', 'c', CANONICAL_NAMESPACE);
    const [answer] = (await client.FollowAsync({ username: 'jake' })) as [{ profile: { username: string } }];
    expect(answer.profile).toMatchObject({ username: 'jake', following: true });
    // soap reads headers without their schema: values arrive as text, for the kit to convert.
    expect(seen.at(-1)).toMatchObject({ port: '1.1', header: { CallContext: { viewerId: '7' } } });
  });

  it('when the v1 consumer speaks SOAP 1.2, then the v2 service answers it too', async () => {
    const client = await soap.createClientAsync(v1.wsdlFile, { endpoint, forceSoap12Headers: true });
    const [answer] = (await client.FollowAsync({ username: 'jane' })) as [{ profile: { username: string } }];
    expect(answer.profile).toMatchObject({ username: 'jane', following: true });
    expect(client.lastRequest).toContain('http://www.w3.org/2003/05/soap-envelope');
  });
});
