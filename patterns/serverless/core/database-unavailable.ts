/** SQLSTATEs with which PostgreSQL refuses a connection it cannot take now. */
const REFUSING_STATES: Record<string, string> = {
  '53300': 'too many connections',
  '53400': 'a configured limit was reached',
  '57P03': 'the server is not accepting connections now',
};

/** Socket errors on the way to the server. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EPIPE',
  'EAI_AGAIN',
]);

/** node-postgres's own errors, which carry no code: a connect that timed out, a socket that closed. */
const DRIVER_MESSAGES = /timeout exceeded when trying to connect|Connection terminated/i;

/**
 * Why the database could not serve the request, when the failure is the database's availability (it
 * refused the connection, or could not be reached) rather than the request: a fleet of instances
 * meets this when it outgrows the connection limit, and it is a 503 to retry, not a 500.
 */
export function databaseUnavailable(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as Error & { code?: unknown }).code;
  if (typeof code === 'string') {
    if (REFUSING_STATES[code]) return REFUSING_STATES[code];
    // SQLSTATE class 08: connection exceptions.
    if (/^08[0-9A-Z]{3}$/.test(code)) return 'the connection failed';
    if (UNREACHABLE_CODES.has(code)) return `it cannot be reached (${code})`;
  }
  if (DRIVER_MESSAGES.test(error.message)) return `it cannot be reached (${error.message})`;
  return undefined;
}
