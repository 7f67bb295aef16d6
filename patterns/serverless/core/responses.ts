import type { FunctionResponse } from './function-types.js';

const JSON_TYPE = 'application/json; charset=utf-8';

export const jsonResponse = (statusCode: number, body: unknown): FunctionResponse => ({
  statusCode,
  headers: { 'content-type': JSON_TYPE },
  body: JSON.stringify(body),
});

export const emptyResponse = (statusCode: number): FunctionResponse => ({
  statusCode,
  headers: {},
  body: '',
});

/** The RealWorld error shape, `{"errors":{key:[message]}}`. */
export const errorResponse = (statusCode: number, key: string, message: string): FunctionResponse =>
  jsonResponse(statusCode, { errors: { [key]: [message] } });
