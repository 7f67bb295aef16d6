import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger } from '@journey/platform';
import { type SoapService, serveSoap } from '@journey/soa-soap-kit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ENV11, ENV12, faultCode, isSoapFault, post, soap11Headers, soap12Headers } from './raw-soap.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const RULES_NS = 'urn:journey:test:rules';
const SUBMIT = `${RULES_NS}/Submit`;

let service: SoapService;
let received: unknown[] = [];
beforeAll(async () => {
  service = await serveSoap({
    wsdlFile: path.join(FIXTURES, 'rules.wsdl'),
    implementation: {
      Submit: (input: unknown, { headers }) => {
        received.push({ input, headers });
        return { accepted: true };
      },
    },
    path: '/soap/rules/v1',
    port: 0,
    host: '127.0.0.1',
    logger: createLogger('soap-kit-test', 'silent'),
  });
});
afterAll(() => service.close());
beforeEach(() => {
  received = [];
});

const fields = (content: Record<string, string>) =>
  Object.entries(content)
    .map(([name, value]) => `<r:${name}>${value}</r:${name}>`)
    .join('');
const VALID = { name: 'ann', colour: 'red', count: '3' };
const submit = (content: string, header = '', version: '1.1' | '1.2' = '1.1') =>
  post(
    service.url,
    version === '1.1' ? soap11Headers(SUBMIT) : soap12Headers(SUBMIT),
    `<s:Envelope xmlns:s="${version === '1.1' ? ENV11 : ENV12}" xmlns:r="${RULES_NS}"` +
      ` xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
      `${header && `<s:Header>${header}</s:Header>`}<s:Body><r:Submit>${content}</r:Submit></s:Body></s:Envelope>`,
  );

/** The faultstring (1.1) or Reason text (1.2): the rule and where. */
const faultMessage = (body: string) =>
  /<faultstring>([^<]*)<\/faultstring>|<[\w-]+:Text[^>]*>([^<]*)</
    .exec(body)
    ?.slice(1)
    .find(Boolean)
    ?.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

describe('the schema check of a request', () => {
  it('when every rule is kept, then the handler gets the values', async () => {
    const answer = await submit(
      `${fields({
        ...VALID,
        small: '3',
        tag: 'a</r:tag><r:tag>b</r:tag><r:tag>c',
        when: '2024-02-29T12:00:00.5+01:00',
        flag: '1',
        total: '9007199254740991',
      })}<r:note xsi:nil="true"/>`,
      '<r:Caller><r:id> 10 </r:id></r:Caller>',
    );
    expect(answer.status, answer.body).toBe(200);
    expect(received).toEqual([
      {
        input: {
          name: 'ann',
          colour: 'red',
          count: 3,
          small: 3,
          tag: ['a', 'b', 'c'],
          when: '2024-02-29T11:00:00.500Z',
          flag: true,
          total: 9007199254740991,
          note: null,
        },
        headers: { Caller: { id: 10 } },
      },
    ]);
  });

  // Each rule broken once: the fault names the path and the rule, and the handler never runs.
  const broken: Array<[string, string, string, string?]> = [
    [
      'a string longer than maxLength',
      fields({ ...VALID, name: 'annabel' }),
      '/Submit/name: longer than 5 characters',
    ],
    [
      'a string shorter than minLength',
      fields({ ...VALID, name: 'a' }),
      '/Submit/name: shorter than 2 characters',
    ],
    [
      'length counted in characters, not UTF-16 units',
      fields({ ...VALID, name: '😀😀😀😀😀😀' }),
      '/Submit/name: longer than 5 characters',
    ],
    [
      'a value outside the enumeration',
      fields({ ...VALID, colour: 'blue' }),
      '/Submit/colour: "blue" is not one of red, green',
    ],
    ['an int under minInclusive', fields({ ...VALID, count: '0' }), '/Submit/count: 0 is less than 1'],
    ['an int over maxInclusive', fields({ ...VALID, count: '11' }), '/Submit/count: 11 is more than 10'],
    [
      'a derived type narrower than its base',
      fields({ ...VALID, small: '4' }),
      '/Submit/small: 4 is more than 3',
    ],
    ['text where an int goes', fields({ ...VALID, count: 'abc' }), '/Submit/count: not an int: "abc"'],
    [
      'an int past 32 bits',
      fields({ ...VALID, count: '2147483648' }),
      '/Submit/count: 2147483648 is outside the int range',
    ],
    [
      'an int in a CDATA section',
      fields({ ...VALID, count: '<![CDATA[x]]>' }),
      '/Submit/count: not an int: "x"',
    ],
    ['an empty int', fields({ ...VALID, count: '' }), '/Submit/count: not an int: ""'],
    [
      'a dateTime that is no date',
      fields({ ...VALID, when: '2026-02-30T00:00:00Z' }),
      '/Submit/when: not a dateTime',
    ],
    ['a boolean spelled otherwise', fields({ ...VALID, flag: 'yes' }), '/Submit/flag: not a boolean: "yes"'],
    [
      'a negative nonNegativeInteger',
      fields({ ...VALID, total: '-1' }),
      '/Submit/total: -1 is outside the nonNegativeInteger range',
    ],
    [
      'an integer a number cannot hold exactly',
      fields({ ...VALID, total: '9007199254740993' }),
      '/Submit/total: 9007199254740993 is outside',
    ],
    [
      'a required element left out',
      fields({ name: 'ann', count: '3' }),
      '/Submit/colour: missing (required)',
    ],
    [
      'more than maxOccurs',
      fields(VALID) + '<r:tag>1</r:tag>'.repeat(4),
      '/Submit: more than 3 tag elements',
    ],
    [
      'a single element twice',
      `${fields(VALID)}<r:small>1</r:small><r:small>2</r:small>`,
      '/Submit: more than 1 small element',
    ],
    [
      'elements out of sequence order',
      fields({ colour: 'red', name: 'ann', count: '3' }),
      '/Submit: name out of order',
    ],
    [
      'an element the XSD does not declare',
      fields({ ...VALID, extra: '1' }),
      '/Submit: has no element {urn:journey:test:rules}extra',
    ],
    [
      'a declared name in another namespace',
      `${fields(VALID)}<flag xmlns="urn:other">true</flag>`,
      '/Submit: has no element {urn:other}flag',
    ],
    [
      'an element inside a string',
      fields({ ...VALID, name: '<r:first>a</r:first>' }),
      '/Submit/name: an xs:string, no elements inside',
    ],
    ['text between elements', `${fields(VALID)}loose`, '/Submit: text where only elements may be'],
    [
      'xsi:nil where the element is not nillable',
      `<r:name xsi:nil="true"/>${fields({ colour: 'red', count: '3' })}`,
      '/Submit/name: xsi:nil, but the element is not nillable',
    ],
    [
      'xsi:nil with content',
      `${fields(VALID)}<r:note xsi:nil="true">text</r:note>`,
      '/Submit/note: xsi:nil, but it has content',
    ],
    [
      'a header value breaking its type',
      fields(VALID),
      '/Caller/id: 0 is less than 1',
      '<r:Caller><r:id>0</r:id></r:Caller>',
    ],
    [
      'a header element the XSD does not declare',
      fields(VALID),
      '/Caller: has no element',
      '<r:Caller><r:role>admin</r:role></r:Caller>',
    ],
  ];
  it.each(broken)(
    'when a request has %s, then it is a SchemaInvalid Client fault naming where and why',
    async (_, content, message, header) => {
      for (const version of ['1.1', '1.2'] as const) {
        const answer = await submit(content, header, version);
        expect(isSoapFault(answer.body), answer.body).toBe(true);
        expect(faultCode(answer.body), answer.body).toBe('SchemaInvalid');
        expect(answer.status).toBe(version === '1.1' ? 500 : 400);
        expect(faultMessage(answer.body)).toContain(message);
      }
      expect(received).toEqual([]);
    },
  );

  it('when a header the schema does not declare comes, then it is let through unchecked', async () => {
    const answer = await submit(
      fields(VALID),
      '<trace xmlns="urn:other"><anything>at all</anything></trace>',
    );
    expect(answer.status, answer.body).toBe(200);
  });
});

describe('a contract using a facet the kit does not enforce', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'soap-kit-facet-'));
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it.each(['<xsd:pattern value="[a-z]+"/>', '<xsd:length value="3"/>', '<xsd:totalDigits value="3"/>'])(
    'when its XSD has %s, then the service refuses to start, naming the facet and the type',
    async (facet) => {
      await copyFile(path.join(FIXTURES, 'rules.wsdl'), path.join(folder, 'rules.wsdl'));
      const types = await readFile(path.join(FIXTURES, 'rules-types.xsd'), 'utf8');
      await writeFile(
        path.join(folder, 'rules-types.xsd'),
        types.replace('<xsd:minLength value="2"/>', facet),
      );
      const facetName = /<xsd:(\w+)/.exec(facet)![1];
      await expect(
        serveSoap({
          wsdlFile: path.join(folder, 'rules.wsdl'),
          implementation: { Submit: () => ({ accepted: true }) },
          path: '/soap/rules/v1',
          port: 0,
          host: '127.0.0.1',
          logger: createLogger('soap-kit-test', 'silent'),
        }),
      ).rejects.toThrow(`facet xs:${facetName} of the simple type {${RULES_NS}}Name is not supported`);
    },
  );
});
