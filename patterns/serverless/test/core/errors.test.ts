import { Forbidden, NotFound, Unauthorized, ValidationFailed } from '@journey/conduit-rules';
import { describe, expect, it } from 'vitest';
import { failureResponse } from '../../core/errors.js';
import { RequestRefused } from '../../core/failures.js';

const answered = (error: unknown) => {
  const response = failureResponse(error);
  return response && { status: response.statusCode, body: JSON.parse(response.body) };
};

describe('failureResponse', () => {
  it('when a Conduit rule fails, then it is answered in the RealWorld shape with its status', () => {
    expect(answered(new ValidationFailed({ email: ["can't be blank"] }))).toEqual({
      status: 422,
      body: { errors: { email: ["can't be blank"] } },
    });
    expect(answered(new NotFound('article'))).toEqual({
      status: 404,
      body: { errors: { article: ['not found'] } },
    });
    expect(answered(new Forbidden('only the author'))).toEqual({
      status: 403,
      body: { errors: { body: ['only the author'] } },
    });
    expect(answered(new Unauthorized('no token'))).toEqual({
      status: 401,
      body: { errors: { token: ['no token'] } },
    });
  });

  it('when the core refuses a request, then the field it names keys the error', () => {
    expect(answered(new RequestRefused(413, 'body', 'is too large'))).toEqual({
      status: 413,
      body: { errors: { body: ['is too large'] } },
    });
  });

  it("when conduit-sql says an Idempotency-Key is in use, then it is that key's 409", () => {
    const inUse = Object.assign(new Error('is being used'), { statusCode: 409, field: 'idempotency-key' });
    expect(answered(inUse)).toEqual({
      status: 409,
      body: { errors: { 'idempotency-key': ['is being used'] } },
    });
  });

  it('when PostgreSQL refuses a connection or cannot be reached, then it is a 503 naming the database, never a 500', () => {
    const failures = [
      Object.assign(new Error('sorry, too many clients already'), { code: '53300' }),
      Object.assign(new Error('too many connections for database "conduit"'), { code: '53300' }),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('connection failure'), { code: '08006' }),
      new Error('timeout exceeded when trying to connect'),
      new Error('Connection terminated unexpectedly'),
    ];
    for (const failure of failures) {
      const response = answered(failure);
      expect(response?.status).toBe(503);
      expect(response?.body.errors.database[0]).toMatch(/^is unavailable: /);
    }
    expect(answered(failures[0])?.body.errors.database[0]).toContain('too many connections');
  });

  it('when an error no client caused arrives, then there is no client answer for it (the caller sends a 500)', () => {
    expect(failureResponse(new Error('connection refused'))).toBeUndefined();
    expect(
      failureResponse(Object.assign(new Error('server side'), { statusCode: 503, field: 'x' })),
    ).toBeUndefined();
    expect(failureResponse('a string')).toBeUndefined();
  });
});
