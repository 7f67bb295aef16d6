import type { IncomingMessage } from 'node:http';
import { StringDecoder } from 'node:string_decoder';
import type { RequestKind } from './soap-version.js';
import {
  createEnvelopeScanner,
  type GuardedContract,
  type GuardedOperation,
  type XmlLimits,
  XmlRefused,
} from './xml-guard.js';

export interface AdmittedEnvelope {
  xml: string;
  operation: GuardedOperation;
}

/**
 * Reads a request body through the guard as it arrives: a refusal comes at the first byte that breaks a
 * rule (a DOCTYPE is refused before the DTD after it is read), and at most `maxBytes` are ever held.
 * The caller answers the refusal and stops reading (see serve-soap.ts).
 */
export function admitEnvelope(
  request: IncomingMessage,
  kind: RequestKind,
  contract: GuardedContract,
  limits: XmlLimits,
): Promise<AdmittedEnvelope> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length']);
    if (declared > limits.maxBytes) {
      reject(
        new XmlRefused('BodyTooLarge', `the body declares ${declared} bytes, more than ${limits.maxBytes}`),
      );
      return;
    }
    // A compressed body would be a way round the size limit (a gzip bomb): not accepted at all.
    const encoding = request.headers['content-encoding'];
    if (encoding && encoding !== 'identity') {
      reject(new XmlRefused('UnsupportedMediaType', `content encoding ${encoding} is not accepted`));
      return;
    }
    let scanner: ReturnType<typeof createEnvelopeScanner>;
    try {
      scanner = createEnvelopeScanner(kind.version, kind.action, contract, limits);
    } catch (error) {
      reject(error);
      return;
    }
    const decoder = new StringDecoder('utf8');
    const chunks: Buffer[] = [];
    let received = 0;
    const timer = setTimeout(
      () => stop(new XmlRefused('BodyTimeout', `the body did not arrive within ${limits.bodyTimeoutMs} ms`)),
      limits.bodyTimeoutMs,
    );
    const stop = (error: unknown) => {
      clearTimeout(timer);
      request.off('data', onData).off('end', onEnd).off('error', stop).off('aborted', onAborted);
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limits.maxBytes) {
        stop(new XmlRefused('BodyTooLarge', `the body is longer than ${limits.maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
      try {
        scanner.write(decoder.write(chunk));
      } catch (error) {
        stop(error);
      }
    };
    const onEnd = () => {
      clearTimeout(timer);
      try {
        scanner.write(decoder.end());
        const operation = scanner.end();
        resolve({ xml: Buffer.concat(chunks).toString('utf8'), operation });
      } catch (error) {
        reject(error);
      }
    };
    const onAborted = () => stop(new Error('the client went away before its body arrived'));
    request.on('data', onData).on('end', onEnd).on('error', stop).on('aborted', onAborted);
  });
}

/**
 * The unguarded read, for the demonstration that the guard matters (`unsafeAcceptAnyXml`): the whole
 * body in memory, however large, as `soap.listen` itself reads it.
 */
export function readWholeBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
