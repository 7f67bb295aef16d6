/**
 * The platform-neutral shape of one HTTP invocation. Each platform adapter (API Gateway, Cloud
 * Functions, Azure Functions) turns its own event into a FunctionRequest and a FunctionResponse back,
 * so a Conduit function never sees which cloud runs it.
 */
export interface FunctionRequest {
  /** Upper case. */
  method: string;
  /** E.g. /api/articles/how-to, without the query. */
  path: string;
  /** First value of each parameter. */
  query: Record<string, string>;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** Raw text (decoded from base64 by the adapter when the platform encodes it). */
  body?: string;
}

export interface FunctionResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export interface Invocation {
  requestId: string;
  platform: 'aws' | 'gcf' | 'azure' | 'local';
}

export type ConduitFunction = (request: FunctionRequest, invocation: Invocation) => Promise<FunctionResponse>;

export interface FunctionRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** '/api/articles/{slug}' in API Gateway syntax. */
  path: string;
  operationId: string;
}

export interface FunctionDefinition {
  name: string;
  routes: readonly FunctionRoute[];
  handler: ConduitFunction;
}
