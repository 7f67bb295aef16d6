import { limits } from '@journey/contract';
import { RequestRefused } from './failures.js';
import type { FunctionRequest } from './function-types.js';

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * The request's JSON body, undefined when there is none. An empty body counts as none whatever its
 * content type: Conduit clients send `Content-Type: application/json` on bodiless favorite and follow
 * calls. A body over the API's limit is a 413, one sent as another media type a 415, bad JSON a 400.
 * The platform has already buffered the body (API Gateway caps it too); the limit is still checked
 * here so every platform refuses the same bodies.
 */
export function readJsonBody(request: FunctionRequest): unknown {
  const text = request.body ?? '';
  if (Buffer.byteLength(text, 'utf8') > limits.requestBody) {
    throw new RequestRefused(413, 'body', 'is too large');
  }
  if (text.trim() === '') return undefined;
  const contentType = request.headers['content-type'] ?? '';
  if (!JSON_MEDIA_TYPE.test(contentType)) {
    throw new RequestRefused(415, 'body', 'must be sent as application/json');
  }
  try {
    return JSON.parse(text, refuseProtoKeys);
  } catch (error) {
    if (error instanceof RequestRefused) throw error;
    throw new RequestRefused(400, 'body', 'is not valid JSON');
  }
}

/** `__proto__` in a body would reach Object.assign-style merges as a prototype; no Conduit body has it. */
function refuseProtoKeys(key: string, value: unknown): unknown {
  if (key === '__proto__') throw new RequestRefused(400, 'body', 'must not contain a "__proto__" key');
  return value;
}
