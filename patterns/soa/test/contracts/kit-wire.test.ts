import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createLogger } from '@journey/platform';
import {
  type Article,
  canonicalSchemaFile,
  contractOf,
  type EngagementV1,
  type EngagementV2,
  httpStatusOfFault,
  type IdentityV1,
  serviceFault,
} from '@journey/soa-contracts';
import {
  type OperationContext,
  SoapFaultError,
  type SoapService,
  serveSoap,
  soapClient,
  soapFault,
} from '@journey/soa-soap-kit';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { schemaValidator } from './xml-schema-validator.js';

/**
 * The real contracts served by the SOAP kit and called with its client: what crosses the wire is valid
 * against the XSD, and what handlers and callers see has the shapes of canonical.ts and messages.ts.
 */
const engagement = contractOf('engagement', 1);
const identity = contractOf('identity', 1);
const validator = schemaValidator();
const logger = createLogger('kit-wire-test', 'silent');

const author = { username: 'jake', bio: 'I work at statefarm', following: true };
const article: Article = {
  slug: 'how-to-train-your-dragon',
  title: 'How to train your dragon',
  description: 'Ever wonder how?',
  tagList: { tag: ['dragons', 'training'] },
  createdAt: '2016-02-18T03:22:56.637Z',
  updatedAt: '2016-02-18T03:48:35.824Z',
  favorited: false,
  favoritesCount: 0,
  author,
};

const seen: { input: unknown; headers: unknown }[] = [];
const remember = (input: unknown, context: OperationContext) => {
  seen.push({ input, headers: context.headers });
};

const engagementHandlers = {
  Favorite: (input: EngagementV1['Favorite']['request'], context: OperationContext) => {
    remember(input, context);
    return { article: { ...article, favorited: true, favoritesCount: 1 } };
  },
  Unfavorite: (input: EngagementV1['Unfavorite']['request'], context: OperationContext) => {
    remember(input, context);
    // A Date from the database is written as xs:dateTime too.
    return { article: { ...article, tagList: { tag: [] }, createdAt: new Date(article.createdAt) } };
  },
  Follow: (input: EngagementV1['Follow']['request']) => {
    throw soapFault(
      'NOT_FOUND',
      `no user ${input.username}`,
      serviceFault('NOT_FOUND', { username: ['not found', 'never existed'] }),
    );
  },
  Unfollow: () => {
    throw new Error('database gone');
  },
  Feed: (input: EngagementV1['Feed']['request'], context: OperationContext) => {
    remember(input, context);
    const articles = input.page.offset === 0 ? [article] : [];
    return { article: articles, page: { ...input.page, total: 1 } };
  },
};

const identityHandlers = {
  Register: () => ({}),
  Authenticate: () => ({}),
  GetCurrentUser: () => ({}),
  GetProfile: () => ({}),
  UpdateUser: (input: IdentityV1['UpdateUser']['request'], context: OperationContext) => {
    remember(input, context);
    return { user: { id: 7, email: 'jake@jake.jake', token: 'jwt', username: 'jake', image: 'https://i' } };
  },
};

let engagementService: SoapService;
let identityService: SoapService;
beforeAll(async () => {
  const common = { port: 0, host: '127.0.0.1', logger };
  engagementService = await serveSoap({
    ...common,
    wsdlFile: engagement.wsdlFile,
    path: '/soap/engagement/v1',
    implementation: engagementHandlers,
  });
  identityService = await serveSoap({
    ...common,
    wsdlFile: identity.wsdlFile,
    path: '/soap/identity/v1',
    implementation: identityHandlers,
  });
});
afterAll(async () => {
  await engagementService.close();
  await identityService.close();
});

/** The one child of the answer's Body, which the kit writes with its own namespace declarations. */
async function postSample(service: SoapService, sample: string, action: string) {
  const file = path.join(path.dirname(engagement.wsdlFile), '..', 'samples', sample);
  const element = (await readFile(file, 'utf8')).replace(/^<\?xml[^>]*\?>\s*/, '');
  const response = await fetch(service.url, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${action}"` },
    body: `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>${element}</s:Body></s:Envelope>`,
  });
  const text = await response.text();
  const body = /<soap:Body>([\s\S]*)<\/soap:Body>/.exec(text)?.[1];
  if (!body) throw new Error(`no SOAP Body in the answer (${response.status}): ${text}`);
  return { status: response.status, body };
}

describe.each(['1.1', '1.2'] as const)('the kit speaking the contracts, SOAP %s', (soapVersion) => {
  it('when Favorite is called with a CallContext, then the handler and the caller see canonical values', async () => {
    const client = await soapClient(engagementService.wsdlUrl, { timeoutMs: 10_000, soapVersion });
    const answer = await client.call<EngagementV1['Favorite']['response']>(
      'Favorite',
      { slug: article.slug },
      { headers: { CallContext: { viewerId: 7, idempotencyKey: 'k-1' } } },
    );
    expect(seen.at(-1)).toEqual({
      input: { slug: article.slug },
      headers: { CallContext: { viewerId: 7, idempotencyKey: 'k-1' } },
    });
    expect(answer).toEqual({ article: { ...article, favorited: true, favoritesCount: 1 } });
  });

  it('when calls of one client with different headers are in flight together, then each carries its own', async () => {
    const client = await soapClient(engagementService.wsdlUrl, { timeoutMs: 10_000, soapVersion });
    const viewers = [11, 12, 13];
    const before = seen.length;
    await Promise.all(
      viewers.map((viewerId) =>
        client.call('Favorite', { slug: `s-${viewerId}` }, { headers: { CallContext: { viewerId } } }),
      ),
    );
    const pairs = seen
      .slice(before)
      .map(({ input, headers }) => [
        (input as { slug: string }).slug,
        (headers as { CallContext: { viewerId: number } }).CallContext.viewerId,
      ]);
    expect(pairs.sort()).toEqual(viewers.map((viewerId) => [`s-${viewerId}`, viewerId]));
    // Headers are per call: the next call without any is anonymous, not the last viewer.
    await client.call('Favorite', { slug: 'anonymous' });
    expect(seen.at(-1)).toEqual({ input: { slug: 'anonymous' }, headers: {} });
  });

  it('when a list has no item, one item or a Date, then arrays stay arrays and dates are ISO strings', async () => {
    const client = await soapClient(engagementService.wsdlUrl, { timeoutMs: 10_000, soapVersion });
    const one = await client.call('Feed', { page: { limit: 20, offset: 0 } });
    expect(seen.at(-1)?.input).toEqual({ page: { limit: 20, offset: 0 } });
    expect(one).toEqual({ article: [article], page: { limit: 20, offset: 0, total: 1 } });
    const none = await client.call('Feed', { page: { limit: 20, offset: 40 } });
    expect(none).toEqual({ article: [], page: { limit: 20, offset: 40, total: 1 } });
    const untagged = await client.call('Unfavorite', { slug: article.slug });
    expect(untagged).toEqual({ article: { ...article, tagList: { tag: [] } } });
  });

  it('when UpdateUser clears bio with null, then it travels as xsi:nil and arrives as null', async () => {
    const client = await soapClient(identityService.wsdlUrl, { timeoutMs: 10_000, soapVersion });
    const answer = await client.call<IdentityV1['UpdateUser']['response']>(
      'UpdateUser',
      { bio: null, image: 'https://i' },
      { headers: { CallContext: { viewerId: 7 } } },
    );
    expect(seen.at(-1)).toEqual({
      input: { bio: null, image: 'https://i' },
      headers: { CallContext: { viewerId: 7 } },
    });
    await client.call('UpdateUser', { bio: '' });
    // An empty element stores the empty string (identity-v1.xsd): only xsi:nil means null.
    expect(seen.at(-1)?.input).toEqual({ bio: '' });
    expect(answer.user).toEqual({
      id: 7,
      email: 'jake@jake.jake',
      token: 'jwt',
      username: 'jake',
      image: 'https://i',
    });
  });

  it('when a handler throws a contract fault, then the caller gets the ServiceFault the bus maps to a status', async () => {
    const client = await soapClient(engagementService.wsdlUrl, { timeoutMs: 10_000, soapVersion });
    const error = await client.call('Follow', { username: 'ghost' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SoapFaultError);
    expect(error).toMatchObject({
      code: 'NOT_FOUND',
      message: 'no user ghost',
      declared: true,
      detail: {
        code: 'NOT_FOUND',
        errors: { field: [{ name: 'username', message: ['not found', 'never existed'] }] },
      },
    });
    const detail = (error as SoapFaultError).detail as { code: keyof typeof httpStatusOfFault };
    expect(httpStatusOfFault[detail.code]).toBe(404);
  });

  it('when a handler fails unexpectedly, then the fault is not a declared one (the contracts call it INTERNAL)', async () => {
    const client = await soapClient(engagementService.wsdlUrl, { timeoutMs: 10_000, soapVersion });
    const error = await client.call('Unfollow', { username: 'jake' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'InternalError', side: 'Server', declared: false, detail: {} });
  });
});

describe('what the kit puts on the wire', () => {
  it('when Favorite answers, then the answer element is valid against the engagement XSD', async () => {
    const { status, body } = await postSample(
      engagementService,
      'engagement-v1/Favorite.xml',
      'urn:journey:conduit:engagement:v1/Favorite',
    );
    expect(status).toBe(200);
    expect(await validator.validate(engagement.schemaFile, body)).toEqual([]);
  });

  it('when Feed answers, then the answer element is valid against the engagement XSD', async () => {
    const { body } = await postSample(
      engagementService,
      'engagement-v1/Feed.xml',
      'urn:journey:conduit:engagement:v1/Feed',
    );
    expect(await validator.validate(engagement.schemaFile, body)).toEqual([]);
  });

  it('when the validator is shown the nested elements in the message namespace, then it refuses them', async () => {
    const { body } = await postSample(
      engagementService,
      'engagement-v1/Favorite.xml',
      'urn:journey:conduit:engagement:v1/Favorite',
    );
    // What the `soap` package wrote before the kit wrote answers itself: every element in the message's namespace.
    const wrong = body.replace(/<ns2:/g, '<ns1:').replace(/<\/ns2:/g, '</ns1:');
    expect(await validator.validate(engagement.schemaFile, wrong)).not.toEqual([]);
  });

  it('when a contract fault is answered, then its detail is a valid c:ServiceFault', async () => {
    const { body } = await postSample(
      engagementService,
      'engagement-v1/Follow.xml',
      'urn:journey:conduit:engagement:v1/Follow',
    );
    const detail = /<detail>([\s\S]*)<\/detail>/.exec(body)?.[1] ?? '';
    expect(detail).toContain('ServiceFault');
    expect(await validator.validate(canonicalSchemaFile, detail)).toEqual([]);
  });
});

describe('versions and answers the contract forbids', () => {
  it('when a v1 consumer calls a v2 service, then it reads the profile and ignores followersCount; a v2 one gets it as a number', async () => {
    const v2 = contractOf('engagement', 2);
    const service = await serveSoap({
      port: 0,
      host: '127.0.0.1',
      logger,
      wsdlFile: v2.wsdlFile,
      path: '/soap/engagement/v2',
      implementation: {
        ...engagementHandlers,
        Follow: ({ username }: EngagementV2['Follow']['request']) => ({
          profile: { ...author, username },
          followersCount: 3,
        }),
      },
    });
    onTestFinished(() => service.close());
    const v2Client = await soapClient(service.wsdlUrl, { timeoutMs: 10_000 });
    expect(await v2Client.call('Follow', { username: 'jane' })).toEqual({
      profile: { ...author, username: 'jane' },
      followersCount: 3,
    });
    // The v1 client reads v1's contract (its schema) and calls the v2 endpoint.
    const v1Client = await soapClient(engagementService.wsdlUrl, {
      timeoutMs: 10_000,
      endpoint: service.url,
    });
    expect(await v1Client.call('Follow', { username: 'jane' })).toEqual({
      profile: { ...author, username: 'jane' },
    });
  });

  it('when a handler answers null for a required field or a field the schema lacks, then the caller gets InternalError', async () => {
    const service = await serveSoap({
      port: 0,
      host: '127.0.0.1',
      logger,
      wsdlFile: engagement.wsdlFile,
      path: '/soap/engagement/v1',
      implementation: {
        ...engagementHandlers,
        Favorite: () => ({ article: { ...article, slug: null } }),
        Unfavorite: () => ({ article: { ...article, rating: 5 } }),
      },
    });
    onTestFinished(() => service.close());
    const client = await soapClient(service.wsdlUrl, { timeoutMs: 10_000 });
    for (const operation of ['Favorite', 'Unfavorite']) {
      const error = await client.call(operation, { slug: 'x' }).catch((caught: unknown) => caught);
      expect(error, operation).toMatchObject({ code: 'InternalError', side: 'Server', declared: false });
    }
  });
});
