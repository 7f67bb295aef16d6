import type { FunctionResponse } from './function-types.js';

/**
 * CORS `*` on every answer, errors included, and a 204 for preflights: what every other pattern
 * answers (conduit-http's @fastify/cors set-up). The function answers these itself rather than leaving
 * them to API Gateway's CORS setting, so the same behaviour holds on every platform and in tests.
 */
const ALLOWED = {
  'access-control-allow-origin': '*',
} as const;

const PREFLIGHT = {
  ...ALLOWED,
  'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
  'access-control-allow-headers': 'Content-Type, Authorization, X-Requested-With, Idempotency-Key',
  'access-control-max-age': '600',
} as const;

export const withCors = (response: FunctionResponse): FunctionResponse => ({
  ...response,
  headers: { ...response.headers, ...ALLOWED },
});

export const preflightResponse = (): FunctionResponse => ({
  statusCode: 204,
  headers: { ...PREFLIGHT, 'content-length': '0' },
  body: '',
});
