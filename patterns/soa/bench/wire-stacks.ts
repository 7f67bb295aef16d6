import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@journey/platform';
import { contractOf } from '@journey/soa-contracts';
import { type SoapImplementation, serveSoap, soapClient, soapFault } from '@journey/soa-soap-kit';
import type { ConduitCall } from './wire-calls.js';

/**
 * The two ways the wire bench sends a call, each a real server and a real client in this process over
 * loopback HTTP, so one CPU counter sees both ends: the SOAP kit serving and calling publishing-v1, and
 * plain node:http with JSON.stringify/JSON.parse. Handlers answer prepared values: what is left is the
 * encoding, the parsing and the HTTP both share.
 */
export interface WireStack {
  name: 'JSON' | 'SOAP';
  /** One round trip of the call; answers the bytes of both bodies as they crossed the wire, and the decoded answer. */
  roundTrip(call: ConduitCall): Promise<Exchange>;
  close(): Promise<void>;
}

export interface Exchange {
  requestBytes: number;
  answerBytes: number;
  answer: unknown;
}

const PUBLISHING = contractOf('publishing', 1);
/** The same mount path a publishing service uses, so the envelopes name what they would in the topology. */
const PATH = `/soap/publishing/v${PUBLISHING.version}`;
const TIMEOUT_MS = 10_000;
/** On whose behalf the bus calls: a signed-in reader, as in the shared bench's feed and publish rows. */
const CALL_CONTEXT = { CallContext: { viewerId: 1 } };

const bytes = (text: string | undefined) => (text === undefined ? 0 : Buffer.byteLength(text));

/** A publishing-v1 endpoint answering the prepared outputs, and a client built from its served WSDL. */
export async function startSoapStack(calls: ConduitCall[], logger: Logger): Promise<WireStack> {
  const outputs = new Map(calls.map((call) => [call.operation, call.soapOutput]));
  const implementation: SoapImplementation = Object.fromEntries(
    PUBLISHING.operations.map((operation) => [
      operation,
      () => {
        const output = outputs.get(operation as ConduitCall['operation']);
        if (!output) throw soapFault('INTERNAL', `${operation} is not one of the wire bench's calls`);
        return output;
      },
    ]),
  );
  const service = await serveSoap({
    wsdlFile: PUBLISHING.wsdlFile,
    path: PATH,
    port: 0,
    host: '127.0.0.1',
    logger,
    implementation,
  });
  try {
    const client = await soapClient(service.wsdlUrl, { timeoutMs: TIMEOUT_MS });
    return {
      name: 'SOAP',
      async roundTrip(call) {
        let requestBytes = 0;
        let answerBytes = 0;
        const answer = await client.call(call.operation, call.soapInput, {
          headers: CALL_CONTEXT,
          onMessages: ({ request, response }) => {
            requestBytes = bytes(request);
            answerBytes = bytes(response);
          },
        });
        return { requestBytes, answerBytes, answer };
      },
      close: () => service.close(),
    };
  } catch (error) {
    await service.close();
    throw error;
  }
}

/** A node:http server answering each call's JSON, and a node:http client; bodies through JSON.stringify/parse. */
export async function startJsonStack(calls: ConduitCall[]): Promise<WireStack> {
  const answers = new Map(calls.map((call) => [`${call.method} ${call.path}`, call.jsonAnswer]));
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (chunks.length > 0) JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const answer = answers.get(`${request.method} ${request.url}`);
      const body = JSON.stringify(answer ?? { errors: { path: ['is not one of the wire bench calls'] } });
      response.writeHead(answer ? 200 : 404, { 'content-type': 'application/json; charset=utf-8' });
      response.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    name: 'JSON',
    roundTrip: (call) => jsonRoundTrip(port, call),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function jsonRoundTrip(port: number, call: ConduitCall): Promise<Exchange> {
  const body = call.jsonRequest === undefined ? undefined : JSON.stringify(call.jsonRequest);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: call.method,
        path: call.path,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        timeout: TIMEOUT_MS,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (response.statusCode !== 200) {
            reject(new Error(`${call.endpoint}: the JSON stand-in answered ${response.statusCode} ${text}`));
            return;
          }
          resolve({ requestBytes: bytes(body), answerBytes: bytes(text), answer: JSON.parse(text) });
        });
      },
    );
    outgoing.on('timeout', () =>
      outgoing.destroy(new Error(`${call.endpoint}: no answer in ${TIMEOUT_MS} ms`)),
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
