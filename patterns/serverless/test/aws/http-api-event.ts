import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

/**
 * An HTTP API payload format 2.0 event with every field API Gateway sends for a route without an
 * authorizer, in the shape of the example in AWS's developer guide
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html).
 */
export function httpApiEvent(overrides: {
  method: string;
  routeKey: string;
  rawPath: string;
  rawQueryString?: string;
  headers?: Record<string, string>;
  cookies?: string[];
  body?: string;
  isBase64Encoded?: boolean;
  pathParameters?: Record<string, string>;
}): APIGatewayProxyEventV2 {
  const rawQueryString = overrides.rawQueryString ?? '';
  const queryStringParameters: Record<string, string> = {};
  // API Gateway joins a repeated parameter's values with commas here.
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    queryStringParameters[name] =
      name in queryStringParameters ? `${queryStringParameters[name]},${value}` : value;
  }
  return {
    version: '2.0',
    routeKey: overrides.routeKey,
    rawPath: overrides.rawPath,
    rawQueryString,
    ...(overrides.cookies ? { cookies: overrides.cookies } : {}),
    headers: {
      accept: 'application/json',
      'content-length': String(overrides.body?.length ?? 0),
      host: 'abc123.execute-api.eu-west-1.amazonaws.com',
      'user-agent': 'curl/8.5.0',
      'x-amzn-trace-id': 'Root=1-6752f1c0-1a2b3c4d5e6f7a8b9c0d1e2f',
      'x-forwarded-for': '203.0.113.7',
      'x-forwarded-port': '443',
      'x-forwarded-proto': 'https',
      ...overrides.headers,
    },
    ...(rawQueryString ? { queryStringParameters } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.eu-west-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: {
        method: overrides.method,
        path: overrides.rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '203.0.113.7',
        userAgent: 'curl/8.5.0',
      },
      requestId: 'Cx9kZgdnjoEEMpg=',
      routeKey: overrides.routeKey,
      stage: '$default',
      time: '06/Dec/2026:19:42:10 +0000',
      timeEpoch: 1796586130000,
    },
    ...(overrides.pathParameters ? { pathParameters: overrides.pathParameters } : {}),
    ...(overrides.body !== undefined ? { body: overrides.body } : {}),
    isBase64Encoded: overrides.isBase64Encoded ?? false,
  };
}

/** The Lambda context object the Node.js runtime passes beside the event. */
export function lambdaContext(awsRequestId: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'conduit-serverless-dev-articles',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:conduit-serverless-dev-articles',
    memoryLimitInMB: '512',
    awsRequestId,
    logGroupName: '/aws/lambda/conduit-serverless-dev-articles',
    logStreamName: '2026/12/06/[$LATEST]0f1e2d3c4b5a69788796a5b4c3d2e1f0',
    getRemainingTimeInMillis: () => 10_000,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}
