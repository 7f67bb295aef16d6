import type { HttpHandler, HttpRequest, HttpResponseInit } from '@azure/functions';
import type { ConduitFunction, FunctionRequest, FunctionResponse } from '../../core/function-types.js';

/**
 * A Conduit function as the Azure Functions Node.js v4 model calls it: `(HttpRequest, InvocationContext)`
 * → `HttpResponseInit`. The request's URL is the one the client used, `/api` route prefix included.
 */
export function toAzureHttpHandler(handler: ConduitFunction): HttpHandler {
  return async (request, context) => {
    const response = await handler(await functionRequestFrom(request), {
      requestId: context.invocationId,
      platform: 'azure',
    });
    return azureResponseFrom(response);
  };
}

export async function functionRequestFrom(request: HttpRequest): Promise<FunctionRequest> {
  // text(), not json(): the core applies the API's own body limit and JSON errors to the raw text.
  const body = await request.text();
  return {
    method: request.method.toUpperCase(),
    path: new URL(request.url).pathname,
    query: firstValues(request.query),
    // Headers (the fetch API's) has lower-case names and joins repeated values with ", ".
    headers: Object.fromEntries(request.headers),
    ...(body.length > 0 ? { body } : {}),
  };
}

export const azureResponseFrom = ({ statusCode, headers, body }: FunctionResponse): HttpResponseInit => ({
  status: statusCode,
  headers,
  body,
});

// Object.fromEntries, not assignment: a parameter named `__proto__` or `constructor` stays plain data.
function firstValues(params: URLSearchParams): Record<string, string> {
  const first = new Map<string, string>();
  for (const [name, value] of params) if (!first.has(name)) first.set(name, value);
  return Object.fromEntries(first);
}
