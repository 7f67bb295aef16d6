import { request as httpRequest } from 'node:http';
import type { SoapService } from '@journey/soa-soap-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCalculator } from './calculator-service.js';
import {
  ADD_ACTION,
  addBody,
  ENV11,
  ENV12,
  envelope,
  faultCode,
  isSoapFault,
  post,
  soap11Headers,
  soap12Headers,
} from './raw-soap.js';

let service: SoapService;
beforeAll(async () => {
  service = await startCalculator({
    limits: { maxBytes: 64 * 1024, maxDepth: 16, maxElements: 500, bodyTimeoutMs: 2_000 },
  });
});
afterAll(() => service.close());

const nested = (depth: number) => `${'<c:a>'.repeat(depth)}1${'</c:a>'.repeat(depth)}`;

// Each rule once, in both versions where the rule exists in both: the fault code names the rule.
const refusals: Array<[string, Record<string, string>, string, string, number]> = [
  [
    'a DOCTYPE with an external entity',
    soap11Headers(),
    `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${envelope(ENV11, addBody('&e;'))}`,
    'DtdForbidden',
    500,
  ],
  [
    'a DOCTYPE in SOAP 1.2',
    soap12Headers(),
    `<!DOCTYPE x [<!ENTITY a "aaaa">]>${envelope(ENV12, addBody())}`,
    'DtdForbidden',
    400,
  ],
  ['an undeclared entity', soap11Headers(), envelope(ENV11, addBody('&e;')), 'MalformedXml', 500],
  [
    'an unclosed element',
    soap11Headers(),
    envelope(ENV11, '<c:AddRequest><c:a>1</c:a>'),
    'MalformedXml',
    500,
  ],
  ['text that is not XML', soap12Headers(), 'hello', 'MalformedXml', 400],
  ['an empty body', soap11Headers(), '', 'NotAnEnvelope', 500],
  [
    'a root that is not an envelope',
    soap11Headers(),
    '<c:AddRequest xmlns:c="urn:journey:test:calculator"/>',
    'NotAnEnvelope',
    500,
  ],
  [
    'a SOAP 1.2 envelope sent as SOAP 1.1',
    soap11Headers(),
    envelope(ENV12, addBody()),
    'VersionMismatch',
    500,
  ],
  ['two elements in the Body', soap11Headers(), envelope(ENV11, addBody() + addBody()), 'NotAnEnvelope', 500],
  ['no SOAPAction in SOAP 1.1', soap11Headers(null), envelope(ENV11, addBody()), 'UnknownOperation', 500],
  [
    'an unknown SOAPAction',
    soap11Headers('urn:journey:test:calculator/Multiply'),
    envelope(ENV11, addBody()),
    'UnknownOperation',
    500,
  ],
  [
    'an action that is not the body element',
    soap11Headers('urn:journey:test:calculator/Echo'),
    envelope(ENV11, addBody()),
    'UnknownOperation',
    500,
  ],
  [
    'an element no operation takes',
    soap12Headers(),
    envelope(ENV12, '<c:MultiplyRequest/>'),
    'UnknownOperation',
    400,
  ],
  [
    'the right element in another namespace',
    soap12Headers(),
    envelope(ENV12, '<AddRequest xmlns="urn:other"/>'),
    'UnknownOperation',
    400,
  ],
  [
    'nesting deeper than the limit',
    soap11Headers(),
    envelope(ENV11, addBody()).replace('<s:Body>', `<s:Header>${nested(20)}</s:Header><s:Body>`),
    'TooDeep',
    500,
  ],
  [
    'an element the XSD does not declare',
    soap11Headers(),
    envelope(ENV11, '<c:AddRequest><c:a>1</c:a><c:c>2</c:c></c:AddRequest>'),
    'SchemaInvalid',
    500,
  ],
  ['text where the XSD wants an int', soap12Headers(), envelope(ENV12, addBody('abc')), 'SchemaInvalid', 400],
  [
    'an element inside an int',
    soap11Headers(),
    envelope(ENV11, addBody('<c:b>1</c:b>')),
    'SchemaInvalid',
    500,
  ],
  [
    'more elements than the limit',
    soap11Headers(),
    // In a header the schema does not declare, so the schema check has nothing to say first.
    envelope(ENV11, addBody()).replace(
      '<s:Body>',
      `<s:Header><n>${'<m/>'.repeat(600)}</n></s:Header><s:Body>`,
    ),
    'TooManyElements',
    500,
  ],
  [
    'a body over the size limit',
    soap11Headers(),
    envelope(ENV11, `<c:EchoRequest><c:message>${'x'.repeat(70_000)}</c:message></c:EchoRequest>`),
    'BodyTooLarge',
    413,
  ],
  [
    'a gzip body',
    { ...soap11Headers(), 'content-encoding': 'gzip' },
    envelope(ENV11, addBody()),
    'UnsupportedMediaType',
    415,
  ],
  ['JSON', { 'content-type': 'application/json' }, '{"a":1}', 'UnsupportedMediaType', 415],
];

describe('the XML guard', () => {
  it.each(refusals)(
    'when the request has %s, then it is a SOAP fault naming the rule',
    async (_, headers, body, rule, status) => {
      const answer = await post(service.url, headers, body);
      expect(isSoapFault(answer.body), answer.body).toBe(true);
      expect(faultCode(answer.body)).toBe(rule);
      expect(answer.status).toBe(status);
    },
  );

  it('when the action matches the body, then a SOAP 1.2 request with an action parameter is answered', async () => {
    const answer = await post(service.url, soap12Headers(ADD_ACTION), envelope(ENV12, addBody('20', '22')));
    expect(answer.status).toBe(200);
    // The kit writes the answer's children in the fixture schema's namespace (qualified).
    expect(answer.body).toMatch(/<(\w+):sum>42<\/\1:sum>/);
  });

  it('when a Header comes before the Body, then it is accepted', async () => {
    const body = envelope(ENV11, addBody()).replace(
      '<s:Body>',
      '<s:Header><c:trace>x</c:trace></s:Header><s:Body>',
    );
    const answer = await post(service.url, soap11Headers(), body);
    expect(answer.status).toBe(200);
  });

  it('when the body drips slower than the body timeout, then the answer is a BodyTimeout fault', async () => {
    const full = envelope(ENV11, addBody());
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        // Half the envelope, then nothing: the guard, not the client, must end this request.
        controller.enqueue(new TextEncoder().encode(full.slice(0, 40)));
      },
    });
    const response = await fetch(service.url, {
      method: 'POST',
      headers: soap11Headers(),
      body: stream,
      duplex: 'half',
    } as RequestInit);
    const body = await response.text();
    expect(faultCode(body)).toBe('BodyTimeout');
    expect(isSoapFault(body)).toBe(true);
  });

  it('when a body far over the limit is sent whole, then the client reads the 413 fault, not a reset', async () => {
    const huge = envelope(
      ENV11,
      `<c:EchoRequest><c:message>${'x'.repeat(8_000_000)}</c:message></c:EchoRequest>`,
    );
    const answer = await post(service.url, soap11Headers('urn:journey:test:calculator/Echo'), huge);
    expect(answer.status).toBe(413);
    expect(faultCode(answer.body)).toBe('BodyTooLarge');
  });

  it('when a body without a length never ends, then the fault comes once the limit is passed', async () => {
    const start = envelope(ENV11, '<c:EchoRequest><c:message>').replace(/<\/s:Body>.*$/, '');
    // node:http, not fetch: the client stops sending when the answer comes, as a real one would.
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(service.url, {
        method: 'POST',
        headers: soap11Headers('urn:journey:test:calculator/Echo'),
      });
      let answered = false;
      request.on('response', (response) => {
        answered = true;
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('end', () => {
          request.destroy();
          resolve({ status: response.statusCode ?? 0, body });
        });
      });
      request.on('error', (error) => {
        if (!answered) reject(error);
      });
      const send = () => {
        while (!answered && request.write('x'.repeat(16 * 1024)));
        if (!answered) request.once('drain', send);
      };
      request.write(start);
      send();
    });
    expect(answer.status).toBe(413);
    expect(faultCode(answer.body)).toBe('BodyTooLarge');
  });

  it('when a refused client keeps sending anyway, then its connection is cut after the drain allowance (bytes or time)', async () => {
    // The server reads on after a refusal only so an honest client can read its fault: 16 MiB or the
    // body timeout, whichever comes first. A server that read on forever leaves this promise pending.
    const written = await new Promise<number>((resolve) => {
      const request = httpRequest(service.url, { method: 'POST', headers: soap11Headers() });
      let bytes = 0;
      request.on('response', (response) => response.resume());
      request.on('error', () => resolve(bytes));
      request.on('close', () => resolve(bytes));
      const send = () => {
        let more = true;
        while (!request.destroyed && more) {
          more = request.write('x'.repeat(64 * 1024));
          bytes += 64 * 1024;
        }
        if (!request.destroyed) request.once('drain', send);
      };
      request.write('not xml at all');
      send();
    });
    expect(written).toBeGreaterThan(0);
  });
});
