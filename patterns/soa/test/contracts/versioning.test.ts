import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { type Contract, contractOf, contracts } from '@journey/soa-contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ContractFiles, compatibilityProblems } from './compatibility.js';
import { schemaValidator } from './xml-schema-validator.js';

const v1 = contractOf('engagement', 1);
const v2 = contractOf('engagement', 2);
const libFolder = dirname(dirname(v1.wsdlFile));

/** A copy of the contract files where `edit` rewrote engagement-v2.xsd or engagement-v2.wsdl. */
async function editedV2(
  scratch: string,
  name: string,
  edit: { file: 'xsd' | 'wsdl'; from: string | RegExp; to: string },
): Promise<ContractFiles> {
  const folder = join(scratch, name);
  await cp(join(libFolder, 'wsdl'), join(folder, 'wsdl'), { recursive: true });
  await cp(join(libFolder, 'xsd'), join(folder, 'xsd'), { recursive: true });
  const copy = {
    wsdlFile: join(folder, 'wsdl', basename(v2.wsdlFile)),
    schemaFile: join(folder, 'xsd', basename(v2.schemaFile)),
  };
  const file = edit.file === 'xsd' ? copy.schemaFile : copy.wsdlFile;
  const text = await readFile(file, 'utf8');
  const edited = text.replace(edit.from, edit.to);
  if (edited === text)
    throw new Error(`the fixture ${name} changed nothing in ${file}: ${String(edit.from)} not found`);
  await writeFile(file, edited);
  return copy;
}

describe('engagement v2 is a backward-compatible revision of v1', () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'soa-versioning-'));
  });
  afterAll(async () => rm(scratch, { recursive: true, force: true }));

  it('when v2 is compared with v1, then every v1 operation, element and SOAPAction is still there and the new element is optional', async () => {
    expect(await compatibilityProblems(v1, v2)).toEqual([]);
  });

  it('when v2 adds followersCount, then that is the difference the comparison sees the other way round', async () => {
    expect(await compatibilityProblems(v2, v1)).toEqual([
      'complexType ProfileAnswer/sequence/element followersCount was removed or moved',
    ]);
  });

  it('when a copy of v2 makes the new element required, then the comparison refuses it', async () => {
    const required = await editedV2(scratch, 'required', {
      file: 'xsd',
      from: 'name="followersCount" type="xs:nonNegativeInteger" minOccurs="0"',
      to: 'name="followersCount" type="xs:nonNegativeInteger"',
    });
    expect(await compatibilityProblems(v1, required)).toEqual([
      'complexType ProfileAnswer/sequence/element followersCount was added as a required element; a new element must be minOccurs="0"',
    ]);
  });

  it('when a copy of v2 inserts an optional element before a v1 one, then the comparison refuses it', async () => {
    const inserted = await editedV2(scratch, 'inserted', {
      file: 'xsd',
      from: '<xs:element name="profile" type="c:Profile"/>',
      to: '<xs:element name="note" type="xs:string" minOccurs="0"/><xs:element name="profile" type="c:Profile"/>',
    });
    expect(await compatibilityProblems(v1, inserted)).toContain(
      'complexType ProfileAnswer/sequence/element profile was removed or moved',
    );
  });

  it('when a copy of v2 narrows a v1 element or changes its type, then the comparison refuses it', async () => {
    const narrowed = await editedV2(scratch, 'narrowed', {
      file: 'xsd',
      from: '<xs:element name="article" type="c:Article" minOccurs="0" maxOccurs="100"/>',
      to: '<xs:element name="article" type="c:Article" minOccurs="0" maxOccurs="50"/>',
    });
    expect(await compatibilityProblems(v1, narrowed)).toEqual([
      'element FeedResponse/complexType/sequence/element article: maxOccurs changed from 100 to 50',
    ]);
    const retyped = await editedV2(scratch, 'retyped', {
      file: 'xsd',
      from: '<xs:element name="slug" type="c:Slug"/>',
      to: '<xs:element name="slug" type="xs:int"/>',
    });
    expect(await compatibilityProblems(v1, retyped)).toEqual([
      'complexType BySlug/sequence/element slug: type changed from c:Slug to xs:int',
    ]);
  });

  it('when a copy of v2 drops an operation or changes a SOAPAction, then the comparison refuses it', async () => {
    const renamedAction = await editedV2(scratch, 'action', {
      file: 'wsdl',
      from: /soapAction="urn:journey:conduit:engagement:v1\/Feed"/g,
      to: 'soapAction="urn:journey:conduit:engagement:v2/Feed"',
    });
    expect(await compatibilityProblems(v1, renamedAction)).toEqual([
      'SOAP 1.1 Feed: SOAPAction urn:journey:conduit:engagement:v2/Feed instead of urn:journey:conduit:engagement:v1/Feed',
      'SOAP 1.2 Feed: SOAPAction urn:journey:conduit:engagement:v2/Feed instead of urn:journey:conduit:engagement:v1/Feed',
    ]);
    const dropped = await editedV2(scratch, 'dropped', {
      file: 'wsdl',
      from: /<wsdl:operation name="Unfollow">[\s\S]*?<\/wsdl:operation>\s*/g,
      to: '',
    });
    expect(await compatibilityProblems(v1, dropped)).toEqual([
      'operation Unfollow was removed',
      'operation Unfollow is no longer bound for SOAP 1.1',
      'operation Unfollow is no longer bound for SOAP 1.2',
    ]);
  });

  it('when a copy of v2 moves its messages to a namespace of their own, then the comparison refuses it', async () => {
    const moved = await editedV2(scratch, 'moved', {
      file: 'xsd',
      from: /urn:journey:conduit:engagement:v1/g,
      to: 'urn:journey:conduit:engagement:v2',
    });
    expect(await compatibilityProblems(v1, moved)).toEqual([
      'the message namespace changed from urn:journey:conduit:engagement:v1 to urn:journey:conduit:engagement:v2: every v1 message would be refused',
    ]);
  });
});

describe('every contract against the versions before it', () => {
  const pairs = contracts.flatMap((newer) =>
    contracts
      .filter((older) => older.service === newer.service && older.version < newer.version)
      .map(
        (older) =>
          [`${newer.service} v${older.version} → v${newer.version}`, older, newer] as [
            string,
            Contract,
            Contract,
          ],
      ),
  );
  it.each(pairs)('when %s is compared, then the newer one is compatible', async (_, older, newer) => {
    expect(await compatibilityProblems(older, newer)).toEqual([]);
  });
});

const validator = schemaValidator();
describe(`v1 and v2 messages under each other's schema (${validator.name})`, () => {
  it('when every v1 request and answer sample is validated against engagement-v2.xsd, then each is accepted', async () => {
    const folder = join(libFolder, 'samples', basename(v1.schemaFile, '.xsd'));
    const samples = await readdir(folder);
    expect(samples.length).toBeGreaterThan(0);
    for (const sample of samples) {
      expect(
        await validator.validate(v2.schemaFile, await readFile(join(folder, sample), 'utf8')),
        sample,
      ).toEqual([]);
    }
  });

  it('when a v2 answer with followersCount is validated against engagement-v1.xsd, then only that element is refused: consumers must ignore it', async () => {
    const answer = await readFile(
      join(libFolder, 'samples', basename(v2.schemaFile, '.xsd'), 'FollowResponse.xml'),
      'utf8',
    );
    const errors = await validator.validate(v1.schemaFile, answer);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/followersCount.*not expected/);
    expect(
      await validator.validate(v1.schemaFile, answer.replace(/<m:followersCount>.*<\/m:followersCount>/, '')),
    ).toEqual([]);
  });
});
