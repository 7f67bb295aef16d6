import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { openMigratedDatabase } from '@journey/conduit-sql';
import { type ConduitDatabase, conduitMigrations } from '@journey/conduit-sql/schema';
import { createLogger } from '@journey/platform';
import { type Contract, contractOf, contracts, type IdentityV1 } from '@journey/soa-contracts';
import { buildIdentity } from '@journey/soa-identity';
import { buildRegistry, createResolver, type ResolvedService } from '@journey/soa-registry';
import { SoapFaultError, soapClient } from '@journey/soa-soap-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compatibilityProblems } from '../test/contracts/compatibility.js';
import { schemaValidator } from '../test/contracts/xml-schema-validator.js';

/**
 * The exercise's verdict: IdentityService v2 is a compatible revision of v1 (the contracts README's
 * versioning rule, checked by the repository's own comparison), and once the provider serves it, an
 * older consumer keeps working unchanged: a client generated at run time from the v1 WSDL, sent to the
 * v2 endpoint, gets what it always got; a v2 client gets the new optional `articlesCount`.
 */

const logger = createLogger('exercise', 'silent');
const jwtSecret = 'exercise-secret-exercise-secret-32';
const v1 = contractOf('identity', 1);

/** Identity v2 from the inventory, or a failure saying what is missing. */
function identityV2(): Contract {
  const v2 = contracts.find((c) => c.service === 'identity' && c.version === 2);
  if (!v2) {
    expect.fail(
      'libs/contracts/src/inventory.ts lists no identity v2 yet: add an entry for wsdl/identity-v2.wsdl and xsd/identity-v2.xsd',
    );
  }
  return v2;
}

describe('the IdentityService v2 contract', () => {
  it('when the inventory is asked for identity v2, then it names its own WSDL and schema, and keeps v1’s message namespace and operations', () => {
    const v2 = identityV2();
    expect(basename(v2.wsdlFile)).toBe('identity-v2.wsdl');
    expect(basename(v2.schemaFile)).toBe('identity-v2.xsd');
    expect(v2.serviceName).toBe(v1.serviceName);
    expect(
      v2.messageNamespace,
      'a compatible revision keeps the message namespace, or every v1 request would be refused',
    ).toBe(v1.messageNamespace);
    expect(v2.operations, 'v2 offers exactly the operations of v1').toEqual(v1.operations);
  });

  it('when v2 is compared with v1 by the repository’s versioning rule, then it is a compatible revision', async () => {
    expect(await compatibilityProblems(v1, identityV2())).toEqual([]);
  });

  it('when v1 is compared with v2 the other way round, then what v2 added is articlesCount in GetProfileResponse', async () => {
    const added = await compatibilityProblems(identityV2(), v1);
    expect(added, 'v2 must differ from v1: it adds articlesCount').not.toEqual([]);
    for (const difference of added) expect(difference).toMatch(/GetProfileResponse\b.*\barticlesCount\b/);
  });

  it('when GetProfileResponse documents are validated against identity-v2.xsd, then articlesCount is optional and a count (0, 2: yes; -1, 1.5, text: no)', async () => {
    const { schemaFile, messageNamespace } = identityV2();
    const validator = schemaValidator();
    const v1Answer = await readFile(
      join(dirname(v1.schemaFile), '..', 'samples', 'identity-v1', 'GetProfileResponse.xml'),
      'utf8',
    );
    const withCount = (count: string) =>
      v1Answer.replace(
        '</m:GetProfileResponse>',
        `<m:articlesCount>${count}</m:articlesCount></m:GetProfileResponse>`,
      );
    expect(v1Answer).toContain(`xmlns:m="${messageNamespace}"`);
    expect(await validator.validate(schemaFile, v1Answer), 'a v1 answer is a valid v2 answer').toEqual([]);
    for (const count of ['0', '2']) {
      expect(await validator.validate(schemaFile, withCount(count)), `articlesCount ${count}`).toEqual([]);
    }
    for (const count of ['-1', '1.5', 'two']) {
      expect(
        await validator.validate(schemaFile, withCount(count)),
        `articlesCount ${count} must be refused: the type is xs:nonNegativeInteger`,
      ).not.toEqual([]);
    }
  });
});

describe('IdentityService serving v1 and v2 side by side', () => {
  const folder = mkdtempSync(join(tmpdir(), 'journey-exercise-soa-'));
  const databaseUrl = join(folder, 'enterprise.sqlite');
  const stops: Array<() => Promise<unknown>> = [];
  let resolve: (major: number) => Promise<ResolvedService>;
  const users: Record<string, number> = {};

  beforeAll(async () => {
    const registry = buildRegistry({ logger, leaseMs: 60_000 });
    const registryUrl = await registry.app.listen({ port: 0, host: '127.0.0.1' });
    stops.push(() => registry.close());
    const identity = await buildIdentity({ databaseUrl, jwtSecret, logger, registry: registryUrl });
    stops.push(() => identity.close());
    const address = await identity.app.listen({ port: 0, host: '127.0.0.1' });
    const byName = createResolver(registryUrl, { cacheMs: 0 });
    resolve = (major) => byName('identity', major);

    // Accounts through v1, as any consumer would; articles and follows straight into the shared tables,
    // which publishing and engagement own the operations of.
    const v1Client = await soapClient(`${address}/soap/identity/v1?wsdl`, { timeoutMs: 30_000 });
    for (const username of ['jake', 'jane']) {
      const { user } = await v1Client.call<IdentityV1['Register']['response']>('Register', {
        username,
        email: `${username}@example.com`,
        password: 'password-123',
      });
      users[username] = user.id;
    }
    const enterprise = await openMigratedDatabase<ConduitDatabase>(databaseUrl, conduitMigrations);
    try {
      const now = new Date().toISOString();
      await enterprise.db
        .insertInto('articles')
        .values(
          ['one', 'two'].map((slug) => ({
            slug,
            title: slug,
            description: 'd',
            body: 'b',
            author_id: users.jake!,
            created_at: now,
            updated_at: now,
            tag_list: '[]',
          })),
        )
        .execute();
      await enterprise.db
        .insertInto('follows')
        .values({ follower_id: users.jane!, followee_id: users.jake!, created_at: now })
        .execute();
    } finally {
      await enterprise.close();
    }
  });

  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
    rmSync(folder, { recursive: true, force: true });
  });

  /** The registry's instance of a major, or a failure saying what the process registered. */
  async function instanceOf(major: number) {
    const answer = await resolve(major).catch((error: Error) =>
      expect.fail(`IdentityService must register identity ${major}.0 with the registry: ${error.message}`),
    );
    const instance = answer.instances[0];
    if (!instance) expect.fail(`identity v${major} is registered without a live instance`);
    return instance;
  }

  /** A client of the v1 contract (its WSDL, its schema), optionally sent to another endpoint. */
  const v1Consumer = async (endpoint?: string) =>
    soapClient((await instanceOf(1)).wsdlUrl, { timeoutMs: 30_000, ...(endpoint && { endpoint }) });

  it('when the registry is asked for identity v1 and v2, then the process registered both, each at its own endpoint', async () => {
    const [one, two] = [await instanceOf(1), await instanceOf(2)];
    expect(one).toMatchObject({ version: '1.0', endpoint: expect.stringMatching(/\/soap\/identity\/v1$/) });
    expect(two).toMatchObject({ version: '2.0', endpoint: expect.stringMatching(/\/soap\/identity\/v2$/) });
  });

  it('when a client built from the v1 WSDL calls the v2 endpoint, then every answer is the one v1 gives: the old consumer keeps working', async () => {
    const atV1 = await v1Consumer();
    const atV2 = await v1Consumer((await instanceOf(2)).endpoint);
    const asJane = { headers: { CallContext: { viewerId: users.jane } } };
    for (const [operation, input, options] of [
      ['GetProfile', { username: 'jake' }, {}],
      ['GetProfile', { username: 'jake' }, asJane],
      ['GetProfile', { username: 'jane' }, asJane],
    ] as const) {
      const expected = await atV1.call(operation, input, options);
      expect(await atV2.call(operation, input, options), `${operation} ${JSON.stringify(input)}`).toEqual(
        expected,
      );
    }
    expect(await atV2.call('GetProfile', { username: 'jake' }, asJane)).toMatchObject({
      profile: { username: 'jake', following: true },
    });

    const signIn = { email: 'jake@example.com', password: 'password-123' };
    const signedIn = await atV2.call<IdentityV1['Authenticate']['response']>('Authenticate', signIn);
    expect(signedIn.user).toMatchObject({ id: users.jake, username: 'jake', email: 'jake@example.com' });

    const fault = await atV2.call('GetProfile', { username: 'nobody-here' }).catch((error: unknown) => error);
    expect(fault, 'an unknown user is still the declared NOT_FOUND fault').toBeInstanceOf(SoapFaultError);
    expect((fault as SoapFaultError).detail).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('when a client built from the v2 WSDL calls GetProfile, then it gets articlesCount: 2 for jake, 0 for jane', async () => {
    const v2 = await soapClient((await instanceOf(2)).wsdlUrl, { timeoutMs: 30_000 });
    const asJane = { headers: { CallContext: { viewerId: users.jane } } };
    expect(await v2.call('GetProfile', { username: 'jake' }, asJane)).toMatchObject({
      profile: { username: 'jake', following: true },
      articlesCount: 2,
    });
    expect(
      await v2.call('GetProfile', { username: 'jane' }),
      'a user with no article has 0, not an absent count',
    ).toMatchObject({ profile: { username: 'jane', following: false }, articlesCount: 0 });
  });

  it('when the same GetProfile envelope is posted to each endpoint, then only v2’s answer carries articlesCount', async () => {
    const answerOf = async (endpoint: string) => {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'text/xml; charset=utf-8',
          soapaction: `"${v1.messageNamespace}/GetProfile"`,
        },
        body:
          '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>' +
          `<m:GetProfile xmlns:m="${v1.messageNamespace}"><m:username>jake</m:username></m:GetProfile>` +
          '</s:Body></s:Envelope>',
      });
      const text = await response.text();
      expect(response.status, `${endpoint} answered ${text}`).toBe(200);
      return text;
    };
    expect(await answerOf((await instanceOf(1)).endpoint)).not.toContain('articlesCount');
    expect(await answerOf((await instanceOf(2)).endpoint)).toMatch(/articlesCount>2</);
  });
});
