import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { createLogger } from '@journey/platform';
import {
  CANONICAL_NAMESPACE,
  type Contract,
  contractOf,
  contracts,
  soapActionOf,
} from '@journey/soa-contracts';
import { type SoapService, serveSoap, soapFault } from '@journey/soa-soap-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENV11, faultCode, isSoapFault, post, soap11Headers } from './raw-soap.js';

/** Every contract served with handlers that only say they were reached: what the kit lets through. */
const served = new Map<Contract, SoapService>();
beforeAll(async () => {
  for (const contract of contracts) {
    const implementation = Object.fromEntries(
      contract.operations.map((operation) => [
        operation,
        () => {
          throw soapFault('REACHED', `${operation} reached its handler`);
        },
      ]),
    );
    served.set(
      contract,
      await serveSoap({
        wsdlFile: contract.wsdlFile,
        implementation,
        path: `/soap/${contract.service}/v${contract.version}`,
        port: 0,
        host: '127.0.0.1',
        logger: createLogger('soap-kit-test', 'silent'),
      }),
    );
  }
});
afterAll(() => Promise.all([...served.values()].map((service) => service.close())));

const samplesOf = (schemaFile: string) =>
  path.join(path.dirname(schemaFile), '..', 'samples', path.basename(schemaFile, '.xsd'));
const withoutDeclaration = (xml: string) => xml.replace(/^<\?xml[^>]*\?>\s*/, '').trim();

/** Calls `operation` with `body` (and a Header holding `header`) as raw SOAP 1.1: its answer. */
function call(contract: Contract, operation: string, body: string, header?: string) {
  const namespaces = `xmlns:m="${contract.messageNamespace}" xmlns:c="${CANONICAL_NAMESPACE}"`;
  return post(
    served.get(contract)!.url,
    soap11Headers(soapActionOf(contract, operation)),
    `<s:Envelope xmlns:s="${ENV11}" ${namespaces}>${header === undefined ? '' : `<s:Header>${header}</s:Header>`}` +
      `<s:Body>${body}</s:Body></s:Envelope>`,
  );
}

describe('the contracts samples', () => {
  it('when every request sample is sent with the CallContext sample, then each reaches its handler', async () => {
    const canonicalSamples = path.join(samplesOf(contracts[0]!.schemaFile), '..', 'canonical-v1');
    const callContext = withoutDeclaration(
      await readFile(path.join(canonicalSamples, 'CallContext.xml'), 'utf8'),
    );
    const reached: string[] = [];
    for (const contract of contracts) {
      const folder = samplesOf(contract.schemaFile);
      const requests = (await readdir(folder)).filter((file) => !file.endsWith('Response.xml'));
      expect(requests.map((file) => path.basename(file, '.xml')).sort()).toEqual(
        [...contract.operations].sort(),
      );
      for (const file of requests) {
        const operation = path.basename(file, '.xml');
        const body = withoutDeclaration(await readFile(path.join(folder, file), 'utf8'));
        const answer = await call(contract, operation, body, callContext);
        expect(
          faultCode(answer.body),
          `${contract.service} v${contract.version} ${operation}: ${answer.body}`,
        ).toBe('REACHED');
        reached.push(`${contract.service}-v${contract.version} ${operation}`);
      }
    }
    expect(reached.length).toBe(contracts.reduce((sum, contract) => sum + contract.operations.length, 0));
  });
});

const publishing = contractOf('publishing', 1);
const identity = contractOf('identity', 1);
const engagement = contractOf('engagement', 1);
const article = (content: { title?: string; tags?: number }) =>
  '<m:CreateArticle>' +
  (content.title === undefined ? '' : `<m:title>${content.title}</m:title>`) +
  '<m:description>d</m:description><m:body>b</m:body>' +
  `<m:tagList>${Array.from({ length: content.tags ?? 1 }, (_, i) => `<c:tag>t${i}</c:tag>`).join('')}</m:tagList>` +
  '</m:CreateArticle>';
const feed = (limit: string) =>
  `<m:Feed><m:page><c:limit>${limit}</c:limit><c:offset>0</c:offset></m:page></m:Feed>`;

// The rules of the real XSDs, refused by the kit before a service's handler runs.
const refused: Array<[string, Contract, string, string, string, string?]> = [
  [
    'a title of 301 characters',
    publishing,
    'CreateArticle',
    article({ title: 't'.repeat(301) }),
    '/CreateArticle/title: longer than 300 characters',
  ],
  [
    '21 tags',
    publishing,
    'CreateArticle',
    article({ title: 't', tags: 21 }),
    '/CreateArticle/tagList: more than 20 tag elements',
  ],
  ['no title', publishing, 'CreateArticle', article({}), '/CreateArticle/title: missing (required)'],
  [
    'a comment id that is not one',
    publishing,
    'DeleteComment',
    '<m:DeleteComment><m:slug>s</m:slug><m:commentId>one</m:commentId></m:DeleteComment>',
    '/DeleteComment/commentId: not an int: "one"',
  ],
  [
    'a username holding elements, not a string',
    identity,
    'Register',
    '<m:Register><m:username><m:first>jake</m:first></m:username><m:email>j@j.j</m:email><m:password>12345678</m:password></m:Register>',
    '/Register/username: an xs:string, no elements inside',
  ],
  [
    'an email of 255 characters',
    identity,
    'Register',
    `<m:Register><m:username>jake</m:username><m:email>${'e'.repeat(255)}</m:email><m:password>12345678</m:password></m:Register>`,
    '/Register/email: longer than 254 characters',
  ],
  [
    'a nil email (only bio and image may be nil)',
    identity,
    'UpdateUser',
    '<m:UpdateUser><m:email xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/></m:UpdateUser>',
    '/UpdateUser/email: xsi:nil, but the element is not nillable',
  ],
  ['a page limit "abc"', engagement, 'Feed', feed('abc'), '/Feed/page/limit: not an int: "abc"'],
  ['a page limit of 101', engagement, 'Feed', feed('101'), '/Feed/page/limit: 101 is more than 100'],
  ['a page limit of 0', engagement, 'Feed', feed('0'), '/Feed/page/limit: 0 is less than 1'],
  [
    'a CallContext viewerId "abc"',
    engagement,
    'Feed',
    feed('20'),
    '/CallContext/viewerId: not an int: "abc"',
    '<c:CallContext><c:viewerId>abc</c:viewerId></c:CallContext>',
  ],
  [
    'a CallContext viewerId 0',
    engagement,
    'Feed',
    feed('20'),
    '/CallContext/viewerId: 0 is less than 1',
    '<c:CallContext><c:viewerId>0</c:viewerId></c:CallContext>',
  ],
  [
    'an empty idempotency key',
    publishing,
    'CreateArticle',
    article({ title: 't' }),
    '/CallContext/idempotencyKey: shorter than 1 character',
    '<c:CallContext><c:viewerId>1</c:viewerId><c:idempotencyKey></c:idempotencyKey></c:CallContext>',
  ],
];

describe('the real contracts', () => {
  it.each(refused)(
    'when a request has %s, then it is a SchemaInvalid fault naming the path and rule, before the handler',
    async (_, contract, operation, body, message, header) => {
      const answer = await call(contract, operation, body, header);
      expect(isSoapFault(answer.body), answer.body).toBe(true);
      expect(faultCode(answer.body), answer.body).toBe('SchemaInvalid');
      expect(answer.body.replace(/&#34;/g, '"')).toContain(message);
    },
  );

  it('when the same requests keep the rules, then they reach the handler (the refusals above are the rules, not the requests)', async () => {
    const kept: Array<[Contract, string, string, string?]> = [
      [publishing, 'CreateArticle', article({ title: 't'.repeat(300), tags: 20 })],
      [
        identity,
        'UpdateUser',
        '<m:UpdateUser><m:bio xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/></m:UpdateUser>',
      ],
      [engagement, 'Feed', feed('100'), '<c:CallContext><c:viewerId>2147483647</c:viewerId></c:CallContext>'],
    ];
    for (const [contract, operation, body, header] of kept) {
      const answer = await call(contract, operation, body, header);
      expect(faultCode(answer.body), answer.body).toBe('REACHED');
    }
  });
});
