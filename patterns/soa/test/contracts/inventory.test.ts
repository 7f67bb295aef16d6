import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import {
  type Article,
  type Comment,
  canonicalSchemaFile,
  contractFile,
  contractOf,
  contracts,
  faultCodes,
  httpStatusOfFault,
  latestContract,
  type Page,
  type Profile,
  realWorldErrors,
  serviceFault,
  soapActionOf,
  type User,
} from '@journey/soa-contracts';
import { describe, expect, it } from 'vitest';
import { readXml, type XmlElement, XS } from './xml-tree.js';

describe('the contract inventory', () => {
  it('when asked for identity v1, then it gives the absolute path of a file that exists', () => {
    const file = contractFile('identity', 1);
    expect(isAbsolute(file)).toBe(true);
    expect(file.endsWith('/wsdl/identity-v1.wsdl')).toBe(true);
    expect(existsSync(file)).toBe(true);
  });

  it('when it lists the contracts, then each service and version appears once and every file exists', () => {
    const keys = contracts.map((c) => `${c.service} v${c.version}`);
    expect(keys).toEqual(['identity v1', 'publishing v1', 'engagement v1', 'engagement v2']);
    for (const contract of contracts) {
      expect(existsSync(contract.wsdlFile), contract.wsdlFile).toBe(true);
      expect(existsSync(contract.schemaFile), contract.schemaFile).toBe(true);
    }
  });

  it('when asked for a version that does not exist, then the error names the versions that do', () => {
    expect(() => contractOf('engagement', 3)).toThrow('no contract engagement v3: engagement has v1, v2');
    // @ts-expect-error: a service the type does not know, as a caller reading configuration could pass
    expect(() => contractFile('billing', 1)).toThrow(
      /unknown service; services are identity, publishing, engagement/,
    );
  });

  it('when asked for the latest engagement contract, then it is v2', () => {
    expect(latestContract('engagement').version).toBe(2);
    expect(latestContract('identity').version).toBe(1);
  });

  it('when asked for a SOAPAction, then v1 and v2 give the same one, and an unknown operation is an error', () => {
    expect(soapActionOf(contractOf('engagement', 2), 'Follow')).toBe(
      soapActionOf(contractOf('engagement', 1), 'Follow'),
    );
    expect(() => soapActionOf(contractOf('identity', 1), 'Follow')).toThrow(
      'IdentityService v1 has no operation Follow; it has Register, Authenticate, GetCurrentUser, UpdateUser, GetProfile',
    );
  });
});

describe('faults', () => {
  it('when the TypeScript fault codes are compared with the schema, then they are the same list', async () => {
    const canonical = await readXml(
      contractFile('identity', 1).replace(/wsdl\/identity-v1\.wsdl$/, 'xsd/canonical-v1.xsd'),
    );
    const faultCode = canonical.children.find(
      (c) => c.local === 'simpleType' && c.attrs.name === 'FaultCode',
    );
    const restriction = faultCode?.children.find((c) => c.uri === XS && c.local === 'restriction');
    const enumerated = restriction?.children
      .filter((c) => c.local === 'enumeration')
      .map((c) => c.attrs.value);
    expect(enumerated).toEqual([...faultCodes]);
    expect(Object.keys(httpStatusOfFault).sort()).toEqual([...faultCodes].sort());
  });

  it('when a fault goes to the client, then it has the spec’s status and {"errors":{field:[messages]}} body', () => {
    const fault = serviceFault('VALIDATION_FAILED', {
      email: ["can't be blank"],
      password: ['is too short', 'is weak'],
    });
    expect(fault).toEqual({
      code: 'VALIDATION_FAILED',
      errors: {
        field: [
          { name: 'email', message: ["can't be blank"] },
          { name: 'password', message: ['is too short', 'is weak'] },
        ],
      },
    });
    expect(realWorldErrors(fault)).toEqual({
      errors: { email: ["can't be blank"], password: ['is too short', 'is weak'] },
    });
    expect([
      httpStatusOfFault.VALIDATION_FAILED,
      httpStatusOfFault.UNAUTHORIZED,
      httpStatusOfFault.FORBIDDEN,
    ]).toEqual([422, 401, 403]);
    expect([httpStatusOfFault.NOT_FOUND, httpStatusOfFault.BAD_REQUEST]).toEqual([404, 500]);
  });
});

/** Every property of T, exactly: the type-check fails when the interface gains or loses one. */
const fieldsOf = <T>(fields: Record<keyof T, true>) => Object.keys(fields);

describe('the canonical TypeScript types', () => {
  it.each([
    ['User', fieldsOf<User>({ id: true, email: true, token: true, username: true, bio: true, image: true })],
    ['Profile', fieldsOf<Profile>({ username: true, bio: true, image: true, following: true })],
    [
      'Article',
      fieldsOf<Article>({
        slug: true,
        title: true,
        description: true,
        body: true,
        tagList: true,
        createdAt: true,
        updatedAt: true,
        favorited: true,
        favoritesCount: true,
        author: true,
      }),
    ],
    ['Comment', fieldsOf<Comment>({ id: true, createdAt: true, updatedAt: true, body: true, author: true })],
    ['Page', fieldsOf<Page>({ limit: true, offset: true, total: true })],
  ])('when %s is compared with its complexType, then it has the same elements', async (name, fields) => {
    const canonical = await readXml(canonicalSchemaFile);
    const type = canonical.children.find((c) => c.local === 'complexType' && c.attrs.name === name);
    const elements = (node: XmlElement | undefined): string[] =>
      (node?.children ?? []).flatMap((c) =>
        c.uri !== XS ? [] : c.local === 'element' ? [c.attrs.name!] : elements(c),
      );
    // Page extends PageRequest: its base's elements come first.
    const base = name === 'Page' ? ['limit', 'offset'] : [];
    expect([...base, ...elements(type)]).toEqual(fields);
  });
});
