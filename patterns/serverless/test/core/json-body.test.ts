import { limits } from '@journey/contract';
import { describe, expect, it } from 'vitest';
import type { FunctionRequest } from '../../core/function-types.js';
import { readJsonBody } from '../../core/json-body.js';

const request = (body: string | undefined, contentType = 'application/json'): FunctionRequest => ({
  method: 'POST',
  path: '/api/users',
  query: {},
  headers: { 'content-type': contentType },
  ...(body !== undefined && { body }),
});

const refusal = (status: number) => expect.objectContaining({ statusCode: status, field: 'body' });

describe('readJsonBody', () => {
  it('when the body is JSON, then it is parsed', () => {
    expect(readJsonBody(request('{"user":{"email":"a@b.c"}}'))).toEqual({ user: { email: 'a@b.c' } });
    expect(readJsonBody(request('{"a":1}', 'application/json; charset=utf-8'))).toEqual({ a: 1 });
  });

  it('when there is no body or only whitespace, then there is none, whatever the content type', () => {
    expect(readJsonBody(request(undefined))).toBeUndefined();
    expect(readJsonBody(request('  \n', 'text/plain'))).toBeUndefined();
  });

  it('when the body is over the API limit, then it is a 413; at the limit it is read', () => {
    const padding = (bytes: number) => `{"a":"${'x'.repeat(bytes - 8)}"}`;
    expect(() => readJsonBody(request(padding(limits.requestBody + 1)))).toThrow(refusal(413));
    expect(readJsonBody(request(padding(limits.requestBody)))).toBeDefined();
  });

  it('when the limit is counted, then it is in UTF-8 bytes, not characters', () => {
    const text = `"${'é'.repeat(limits.requestBody / 2)}"`;
    expect(() => readJsonBody(request(text))).toThrow(refusal(413));
  });

  it('when the body is not valid JSON, then it is a 400', () => {
    expect(() => readJsonBody(request('{"user":'))).toThrow(refusal(400));
  });

  it('when a body comes as another media type, then it is a 415', () => {
    expect(() => readJsonBody(request('{"a":1}', 'text/plain'))).toThrow(refusal(415));
    expect(() => readJsonBody(request('{"a":1}', ''))).toThrow(refusal(415));
  });

  it('when the body carries a __proto__ key, then it is a 400 rather than a prototype', () => {
    expect(() => readJsonBody(request('{"user":{"__proto__":{"admin":true}}}'))).toThrow(refusal(400));
  });
});
