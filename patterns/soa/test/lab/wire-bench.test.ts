import { createLogger } from '@journey/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatWire, measureWire, type WireRow } from '../../bench/wire.bench.js';
import { conduitCalls, jsonArticle, PAGE_SIZE } from '../../bench/wire-calls.js';
import { startJsonStack, startSoapStack, type WireStack } from '../../bench/wire-stacks.js';

/**
 * The wire bench on its own calls with a handful of round trips: real envelopes from the SOAP kit, real
 * JSON, figures computed and printed. Timings are only checked to be figures, never compared.
 */
const logger = createLogger('wire-bench-test', 'silent');
const calls = conduitCalls();

describe('the wire bench calls', () => {
  it('when built, then each REST answer carries the same data as the SOAP answer behind it', () => {
    const [list, one, create] = calls;
    const page = list!.soapOutput as { article: Parameters<typeof jsonArticle>[0][] };
    expect(page.article).toHaveLength(PAGE_SIZE);
    expect(list!.jsonAnswer).toEqual({ articles: page.article.map(jsonArticle), articlesCount: 2_000 });
    expect(page.article.every((article) => article.body === undefined)).toBe(true);
    expect((one!.jsonAnswer as { article: { body: string } }).article.body.length).toBeGreaterThan(1_000);
    expect(create!.jsonRequest).toMatchObject({
      article: { title: expect.any(String), tagList: expect.any(Array) },
    });
  });
});

describe('the two stacks', () => {
  let soap: WireStack;
  let json: WireStack;
  beforeAll(async () => {
    [soap, json] = await Promise.all([startSoapStack(calls, logger), startJsonStack(calls)]);
  });
  afterAll(async () => {
    await Promise.all([soap?.close(), json?.close()]);
  });

  it.each(calls.map((call) => [call.operation, call] as const))(
    'when %s goes both ways, then each side decodes what was sent and counts the bytes that crossed',
    async (_, call) => {
      const overSoap = await soap.roundTrip(call);
      const overJson = await json.roundTrip(call);
      // The kit's client hands back the canonical values the stand-in answered, read from the envelope.
      expect(overSoap.answer).toEqual(call.soapOutput);
      expect(overJson.answer).toEqual(call.jsonAnswer);
      expect(overJson.answerBytes).toBe(Buffer.byteLength(JSON.stringify(call.jsonAnswer)));
      expect(overJson.requestBytes).toBe(
        call.jsonRequest === undefined ? 0 : Buffer.byteLength(JSON.stringify(call.jsonRequest)),
      );
      // A SOAP request is an envelope even for a read; its answer repeats every element name twice.
      expect(overSoap.requestBytes).toBeGreaterThan(overJson.requestBytes);
      expect(overSoap.answerBytes).toBeGreaterThan(overJson.answerBytes);
    },
  );
});

describe('measureWire and formatWire', () => {
  let rows: WireRow[];
  const progress: string[] = [];
  beforeAll(async () => {
    rows = await measureWire({ messages: 5, rounds: 2, logger, progress: (line) => progress.push(line) });
  });

  it('when measured, then every call has bytes and CPU figures for both encodings', () => {
    expect(rows.map((row) => row.operation)).toEqual(['ListArticles', 'GetArticle', 'CreateArticle']);
    for (const row of rows) {
      for (const figure of [
        row.json.cpuMicrosPerRoundTrip,
        row.soap.cpuMicrosPerRoundTrip,
        row.jsonCodecMicros,
      ])
        expect(Number.isFinite(figure) && figure >= 0).toBe(true);
      expect(row.soap.answerBytes).toBeGreaterThan(row.json.answerBytes);
    }
  });

  it('when measured, then progress names each round and call', () => {
    expect(progress).toHaveLength(6);
    expect(progress[0]).toMatch(/^wire round 1\/2 \[1\/3\] GET \/api\/articles\?limit=20: 5 round trips/);
  });

  it('when printed, then each row shows both sizes, their ratio and both CPU figures', () => {
    const row: WireRow = {
      endpoint: 'GET /api/articles/:slug',
      operation: 'GetArticle',
      json: { requestBytes: 0, answerBytes: 1_000, cpuMicrosPerRoundTrip: 50 },
      soap: { requestBytes: 500, answerBytes: 1_500, cpuMicrosPerRoundTrip: 400 },
      jsonCodecMicros: 2.5,
    };
    const table = formatWire([row], { messages: 5, rounds: 2 });
    expect(
      table
        .split('\n')
        .at(-1)!
        .trim()
        .split(/\s{2,}/),
    ).toEqual([
      'GET /api/articles/:slug (GetArticle)',
      '0+1000',
      '500+1500',
      '2.0×',
      '50',
      '400',
      '8.0×',
      '2.5',
    ]);
    expect(table).toContain('best of 2 interleaved rounds of 5 round trips');
  });
});
