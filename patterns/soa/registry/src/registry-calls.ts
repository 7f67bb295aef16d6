import { env } from '@journey/platform';
import { type DownstreamOutcome, recordDownstreamCall } from '@journey/telemetry';
import { request } from 'undici';
import type { ErrorAnswer } from './registry.schemas.js';

/** Where the registry listens when run by hand; the lab hands every process `REGISTRY_URL` instead. */
export const DEFAULT_REGISTRY_PORT = 3009;

/** `REGISTRY_URL`, else the registry's default address. */
export const registryUrl = () => env.string('REGISTRY_URL', `http://127.0.0.1:${DEFAULT_REGISTRY_PORT}`)!;

/** A registry call failed: what was asked, of which registry, and why, in one sentence. */
export class RegistryError extends Error {
  constructor(
    message: string,
    readonly registryUrl: string,
    /** The registry's status when it answered; undefined when it could not be reached. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

/** Only what the client logs; a pino logger fits. */
export interface RegistryClientLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export const silent: RegistryClientLog = { info: () => {}, warn: () => {} };

export interface Answer<T> {
  status: number;
  body: T | ErrorAnswer | undefined;
}

export async function call<T>(
  registry: string,
  method: 'GET' | 'PUT' | 'DELETE',
  path: string,
  timeoutMs: number,
  body?: object,
): Promise<Answer<T>> {
  const started = performance.now();
  const counted = (outcome: DownstreamOutcome) =>
    recordDownstreamCall('registry', routeOf(method, path), outcome, (performance.now() - started) / 1000);
  try {
    const response = await request(new URL(path, registry), {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.body.text();
    counted(response.statusCode >= 500 ? 'error' : 'ok');
    return { status: response.statusCode, body: text ? (parseJson(text) as T | ErrorAnswer) : undefined };
  } catch (error) {
    counted((error as Error).name === 'TimeoutError' ? 'timeout' : 'error');
    throw error;
  }
}

/**
 * The route a call took, as its metric label: heartbeats and lookups are counted (the lab draws the
 * registry's edges from them) under the registry's route patterns, never under ids.
 */
function routeOf(method: string, path: string): string {
  const [pathname = ''] = path.split('?');
  if (/^\/services\/[^/]+\/[^/]+\/instances\/[^/]+$/.test(pathname))
    return `${method} /services/:name/:version/instances/:id`;
  if (/^\/services\/[^/]+$/.test(pathname)) return `${method} /services/:name`;
  return `${method} ${pathname}`;
}

/** Whatever answered may not be a registry (another process on its port): keep its words, not a SyntaxError. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text.slice(0, 200);
  }
}

/** The registry's own words for a refusal: `service: no live instance of …`. */
export const refusal = (body: unknown) => {
  const errors = (body as Partial<ErrorAnswer> | undefined)?.errors;
  return errors
    ? Object.entries(errors)
        .map(([field, messages]) => `${field} ${messages.join(', ')}`)
        .join('; ')
    : JSON.stringify(body);
};

export const reason = (error: unknown) => {
  const cause = (error as { cause?: { code?: string } }).cause?.code;
  return error instanceof Error ? `${error.message}${cause ? ` (${cause})` : ''}` : String(error);
};
