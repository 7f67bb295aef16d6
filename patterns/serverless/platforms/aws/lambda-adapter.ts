import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { ConduitFunction, FunctionRequest, FunctionResponse } from '../../core/function-types.js';

/** What API Gateway's HTTP API invokes: payload format 2.0 in, a structured 2.0 result out. */
export type HttpApiHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * An HTTP API (payload format 2.0) event as the platform-neutral request. Format 2.0 lifts every Cookie
 * header out of `headers` into `cookies` and joins repeated query parameters with commas in
 * `queryStringParameters`, so the cookie header is rebuilt and the query read from `rawQueryString`,
 * where each value is still separate and only the first counts.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
export function toFunctionRequest(event: APIGatewayProxyEventV2): FunctionRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = value;
  }
  if (event.cookies?.length) headers.cookie = event.cookies.join('; ');

  const query: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(event.rawQueryString)) {
    if (!(name in query)) query[name] = value;
  }

  const request: FunctionRequest = {
    method: event.requestContext.http.method.toUpperCase(),
    path: event.rawPath,
    query,
    headers,
  };
  // API Gateway base64-encodes any body whose content type it does not take for text.
  if (event.body !== undefined) {
    request.body = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  }
  return request;
}

/** The function's answer as a 2.0 result; a Set-Cookie header goes to `cookies`, as format 2.0 expects it. */
export function toHttpApiResult(response: FunctionResponse): APIGatewayProxyStructuredResultV2 {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [name, value] of Object.entries(response.headers)) {
    if (name.toLowerCase() === 'set-cookie') cookies.push(value);
    else headers[name] = value;
  }
  return {
    statusCode: response.statusCode,
    headers,
    body: response.body,
    isBase64Encoded: false,
    ...(cookies.length > 0 ? { cookies } : {}),
  };
}

/** A Conduit function as a Lambda handler behind an HTTP API route. */
export function httpApiHandler(conduitFunction: ConduitFunction): HttpApiHandler {
  return async (event, context) =>
    toHttpApiResult(
      await conduitFunction(toFunctionRequest(event), { requestId: context.awsRequestId, platform: 'aws' }),
    );
}
