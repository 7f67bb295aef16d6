import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { limits } from '@journey/contract';
import { CANONICAL_NAMESPACE, canonicalSchemaFile, contractOf } from '@journey/soa-contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { schemaValidator } from './xml-schema-validator.js';
import { readXml, XS } from './xml-tree.js';

const validator = schemaValidator();
const xsdFolder = dirname(canonicalSchemaFile);
const samplesFolder = join(xsdFolder, '..', 'samples');
const schemaFiles = (await readdir(xsdFolder))
  .filter((f) => f.endsWith('.xsd'))
  .map((f) => join(xsdFolder, f));

const valid = async (schemaFile: string, xml: string) => {
  const errors = await validator.validate(schemaFile, xml);
  return errors.length === 0 ? true : errors.join('\n');
};

describe(`the schemas, checked by a real XML Schema validator (${validator.name})`, () => {
  const scratch = mkdtemp(join(tmpdir(), 'soa-contracts-'));
  afterAll(async () => rm(await scratch, { recursive: true, force: true }));

  it('when a schema refers to a type nobody declared, then the validator refuses the schema itself', async () => {
    const broken = join(await scratch, 'broken.xsd');
    await writeFile(broken, `<xs:schema xmlns:xs="${XS}"><xs:element name="a" type="missing"/></xs:schema>`);
    await expect(validator.validate(broken, '<a/>')).rejects.toThrow(/broken\.xsd/);
  });

  it.each(schemaFiles.map((f) => [basename(f), f]))(
    'when %s is compiled, then it compiles and every global element has a sample that it accepts',
    async (_, schemaFile) => {
      const schema = await readXml(schemaFile);
      const elements = schema.children
        .filter((c) => c.uri === XS && c.local === 'element')
        .map((c) => c.attrs.name!);
      const folder = join(samplesFolder, basename(schemaFile, '.xsd'));
      const samples = (await readdir(folder)).map((f) => basename(f, '.xml'));
      expect(samples.sort()).toEqual([...elements].sort());
      for (const sample of samples) {
        expect(await valid(schemaFile, await readFile(join(folder, `${sample}.xml`), 'utf8')), sample).toBe(
          true,
        );
      }
    },
  );

  it('when a document is not well-formed, then it is refused', async () => {
    expect(await valid(canonicalSchemaFile, `<c:CallContext xmlns:c="${CANONICAL_NAMESPACE}">`)).not.toBe(
      true,
    );
  });

  it('when a fault names a code outside the list or its field has no message, then it is refused', async () => {
    const fault = (inner: string) =>
      `<c:ServiceFault xmlns:c="${CANONICAL_NAMESPACE}">${inner}</c:ServiceFault>`;
    expect(await valid(canonicalSchemaFile, fault('<c:code>NOT_FOUND</c:code><c:errors/>'))).toBe(true);
    expect(await valid(canonicalSchemaFile, fault('<c:code>TEAPOT</c:code><c:errors/>'))).not.toBe(true);
    expect(
      await valid(
        canonicalSchemaFile,
        fault('<c:code>VALIDATION_FAILED</c:code><c:errors><c:field name="email"/></c:errors>'),
      ),
    ).not.toBe(true);
    const twice = '<c:field name="email"><c:message>a</c:message></c:field>';
    expect(
      await valid(
        canonicalSchemaFile,
        fault(`<c:code>VALIDATION_FAILED</c:code><c:errors>${twice}${twice}</c:errors>`),
      ),
    ).not.toBe(true);
  });

  it('when a request leaves out a required element or adds an unknown one, then it is refused', async () => {
    const { schemaFile, messageNamespace } = contractOf('identity', 1);
    const register = (inner: string) => `<m:Register xmlns:m="${messageNamespace}">${inner}</m:Register>`;
    const fields = '<m:username>jake</m:username><m:email>jake@jake.jake</m:email>';
    expect(await valid(schemaFile, register(`${fields}<m:password>jakejake</m:password>`))).toBe(true);
    expect(await valid(schemaFile, register(fields))).not.toBe(true);
    expect(
      await valid(schemaFile, register(`${fields}<m:password>jakejake</m:password><m:admin>true</m:admin>`)),
    ).not.toBe(true);
  });

  describe('field limits are the JSON API’s (@journey/contract limits)', () => {
    const text = (length: number) => 'x'.repeat(length);
    const identity = contractOf('identity', 1);
    const publishing = contractOf('publishing', 1);
    const inIdentity = (element: string, inner: string) =>
      `<m:${element} xmlns:m="${identity.messageNamespace}">${inner}</m:${element}>`;
    const inPublishing = (element: string, inner: string) =>
      `<m:${element} xmlns:m="${publishing.messageNamespace}" xmlns:c="${CANONICAL_NAMESPACE}">${inner}</m:${element}>`;
    const article = (title: string, description: string, body: string, tags: string[]) =>
      inPublishing(
        'CreateArticle',
        `<m:title>${title}</m:title><m:description>${description}</m:description><m:body>${body}</m:body>` +
          `<m:tagList>${tags.map((t) => `<c:tag>${t}</c:tag>`).join('')}</m:tagList>`,
      );
    const page = (limit: number, offset: number) =>
      inPublishing(
        'ListArticles',
        `<m:page><c:limit>${limit}</c:limit><c:offset>${offset}</c:offset></m:page>`,
      );

    // Each case: a document exactly at the limit, which the schema accepts, and one past it, which it refuses.
    const cases: [string, string, (n: number) => string, number][] = [
      [
        'username',
        identity.schemaFile,
        (n) =>
          inIdentity(
            'Register',
            `<m:username>${text(n)}</m:username><m:email>a@b.c</m:email><m:password>p</m:password>`,
          ),
        limits.username,
      ],
      [
        'email',
        identity.schemaFile,
        (n) => inIdentity('Authenticate', `<m:email>${text(n)}</m:email><m:password>p</m:password>`),
        limits.email,
      ],
      [
        'password',
        identity.schemaFile,
        (n) => inIdentity('Authenticate', `<m:email>a@b.c</m:email><m:password>${text(n)}</m:password>`),
        limits.password.max,
      ],
      ['bio', identity.schemaFile, (n) => inIdentity('UpdateUser', `<m:bio>${text(n)}</m:bio>`), limits.bio],
      [
        'image',
        identity.schemaFile,
        (n) => inIdentity('UpdateUser', `<m:image>${text(n)}</m:image>`),
        limits.image,
      ],
      ['title', publishing.schemaFile, (n) => article(text(n), 'd', 'b', []), limits.title],
      ['description', publishing.schemaFile, (n) => article('t', text(n), 'b', []), limits.description],
      ['body', publishing.schemaFile, (n) => article('t', 'd', text(n), []), limits.body],
      ['tag', publishing.schemaFile, (n) => article('t', 'd', 'b', [text(n)]), limits.tag],
      [
        'tags per article',
        publishing.schemaFile,
        (n) =>
          article(
            't',
            'd',
            'b',
            Array.from({ length: n }, (_, i) => `tag${i}`),
          ),
        limits.tagsPerArticle,
      ],
      [
        'comment',
        publishing.schemaFile,
        (n) => inPublishing('AddComment', `<m:slug>s</m:slug><m:body>${text(n)}</m:body>`),
        limits.comment,
      ],
      ['page size', publishing.schemaFile, (n) => page(n, 0), limits.pageSize.max],
      [
        'idempotency key',
        canonicalSchemaFile,
        (n) =>
          `<c:CallContext xmlns:c="${CANONICAL_NAMESPACE}"><c:idempotencyKey>${text(n)}</c:idempotencyKey></c:CallContext>`,
        255, // @journey/conduit-http's Idempotency-Key bound, which it does not export
      ],
    ];

    it.each(cases)(
      'when the %s is at its limit, then it is accepted, and one more is refused',
      async (_, schemaFile, document, limit) => {
        expect(await valid(schemaFile, document(limit))).toBe(true);
        expect(await valid(schemaFile, document(limit + 1))).not.toBe(true);
      },
    );

    it('when a page asks for no items or starts before the first, then it is refused', async () => {
      expect(await valid(publishing.schemaFile, page(1, 0))).toBe(true);
      expect(await valid(publishing.schemaFile, page(0, 0))).not.toBe(true);
      expect(await valid(publishing.schemaFile, page(20, -1))).not.toBe(true);
    });
  });
});
