import { Agent, type Dispatcher } from 'undici';
import { sendEarlyResponse } from './early-response.js';

/** One raw HTTP request. Nothing is normalised: the path and body go on the wire exactly as given. */
export interface RawRequest {
  method: string;
  /** Path below the API root, e.g. `/articles?limit=1`; `/api` (and any base path) is prefixed. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Send the body with `Transfer-Encoding: chunked` instead of a Content-Length. */
  chunked?: boolean;
}

/** Bodies this large go over a raw socket that stops writing once the server answers (see early-response.ts). */
const LARGE_BODY = 64 * 1024;

export type Outcome =
  | { kind: 'response'; status: number; contentType: string; text: string; ms: number }
  | { kind: 'timeout'; ms: number }
  | { kind: 'error'; message: string; ms: number };

export interface HttpClient {
  send(request: RawRequest): Promise<Outcome>;
  close(): Promise<void>;
}

export interface HttpClientOptions {
  /** Connections per origin; concurrency scenarios need one per request in flight. */
  connections?: number;
  /** A request with no complete answer after this long is a hang, reported as `timeout`. */
  timeoutMs?: number;
}

/**
 * A thin undici client. It uses `dispatcher.request({ origin, path })` rather than `fetch(url)` because
 * fetch parses the URL and would quietly turn `/api/../../etc/passwd` into `/etc/passwd`.
 */
export function createHttpClient(baseUrl: string, options: HttpClientOptions = {}): HttpClient {
  const { connections = 64, timeoutMs = 10_000 } = options;
  const base = new URL(baseUrl);
  const prefix = `${base.pathname.replace(/\/+$/, '')}/api`;
  const agent = new Agent({ connections, pipelining: 1, keepAliveTimeout: 10_000 });

  async function send(request: RawRequest): Promise<Outcome> {
    const body = request.body === undefined ? undefined : Buffer.from(request.body);
    if (body && (request.chunked || body.length > LARGE_BODY)) {
      const path = `${prefix}${request.path}`;
      const send = (pacing?: { afterHeadMs: number; perSliceMs: number }) =>
        sendEarlyResponse(
          base,
          path,
          request.method,
          request.headers ?? {},
          body,
          request.chunked ?? false,
          timeoutMs,
          pacing,
        );
      const first = await send();
      // A busy server can still lose the race (its reset wipes the answer): once more, slowly, before blaming it.
      return first.kind === 'error' ? send({ afterHeadMs: 300, perSliceMs: 10 }) : first;
    }
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      const response = await agent.request({
        origin: base.origin,
        path: `${prefix}${request.path}`,
        method: request.method as Dispatcher.HttpMethod,
        headers: request.headers ?? {},
        body: body ?? null,
        signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const text = await response.body.text();
      const contentType = response.headers['content-type'];
      return {
        kind: 'response',
        status: response.statusCode,
        contentType: Array.isArray(contentType) ? contentType.join(', ') : (contentType ?? ''),
        text,
        ms: ms(),
      };
    } catch (error) {
      if (signal.aborted || isTimeout(error)) return { kind: 'timeout', ms: ms() };
      return { kind: 'error', message: describeError(error), ms: ms() };
    }
  }

  return { send, close: () => agent.close() };
}

function isTimeout(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT';
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: string }).code;
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${code ? `${code}: ` : ''}${error.message}${cause}`;
}

/** `JSON.parse`, or `undefined` when the text is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Shortens a text for a report, keeping its start. */
export function excerpt(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length <= max ? flat : `${flat.slice(0, max)}… (${text.length} chars)`;
}
