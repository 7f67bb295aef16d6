import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import newman from 'newman';

/** The RealWorld project's own Postman collection (MIT, see official/LICENSE), run unchanged. */
export const OFFICIAL_COLLECTION = fileURLToPath(
  new URL('../official/Conduit.postman_collection.json', import.meta.url),
);

export interface OfficialSuiteProgress {
  /** The request just finished, e.g. `Register`. */
  item: string;
  requests: number;
  assertions: number;
  failedAssertions: number;
  scriptErrors: number;
}

export interface OfficialSuiteOptions {
  /** Where the server listens, e.g. `http://127.0.0.1:3000`; the API is under `/api`. */
  baseUrl: string;
  onProgress?: (progress: OfficialSuiteProgress) => void;
  /** A request with no answer after this long fails. Default 15 s. */
  requestTimeoutMs?: number;
}

export interface OfficialSuiteResult {
  /** Assertions the collection's test scripts made. */
  assertions: number;
  failedAssertions: number;
  requests: number;
  /**
   * Test scripts that threw (e.g. `JSON.parse` of a body that is not JSON). The assertions after the
   * throw never ran, so they are counted here rather than hidden from `failedAssertions`.
   */
  scriptErrors: number;
  /** Requests that got no answer at all (connection refused, timeout). */
  requestErrors: number;
  /** Readable lines: `request name: assertion — message`. */
  failures: string[];
}

/**
 * Runs the official Conduit Postman collection with newman's programmatic API: no reporters (so
 * nothing is printed or written), no delay between requests, and a fresh user each run so it
 * passes against a database that already has data.
 */
export function runOfficialSuite(options: OfficialSuiteOptions): Promise<OfficialSuiteResult> {
  const username = `u${randomBytes(6).toString('hex')}`;
  const environment = {
    APIURL: `${options.baseUrl.replace(/\/+$/, '')}/api`,
    USERNAME: username,
    EMAIL: `${username}@conformance.example`,
    PASSWORD: `pw-${randomBytes(8).toString('hex')}`,
  };
  const result: OfficialSuiteResult = {
    assertions: 0,
    failedAssertions: 0,
    requests: 0,
    scriptErrors: 0,
    requestErrors: 0,
    failures: [],
  };

  return new Promise((resolve, reject) => {
    const run = newman.run(
      {
        collection: OFFICIAL_COLLECTION,
        environment: {
          values: Object.entries(environment).map(([key, value]) => ({
            key,
            value,
            type: 'default',
            enabled: true,
          })),
        },
        globals: { values: [] },
        reporters: [],
        delayRequest: 0,
        timeoutRequest: options.requestTimeoutMs ?? 15_000,
        color: 'off',
      },
      (error) => (error ? reject(error) : resolve(result)),
    );

    run.on('request', (error: Error | null, event: { item: { name: string } }) => {
      result.requests++;
      if (error) {
        result.requestErrors++;
        result.failures.push(`${event.item.name}: request failed — ${error.message}`);
      }
    });
    run.on(
      'assertion',
      (
        error: { message?: string } | null,
        event: { item: { name: string }; assertion: string; skipped?: boolean },
      ) => {
        if (event.skipped) return;
        result.assertions++;
        if (!error) return;
        result.failedAssertions++;
        const message = error.message && error.message !== event.assertion ? error.message : 'failed';
        result.failures.push(`${event.item.name}: ${event.assertion} — ${message}`);
      },
    );
    run.on('script', (error: Error | null, event: { item: { name: string }; event: { listen: string } }) => {
      if (!error) return;
      result.scriptErrors++;
      result.failures.push(
        `${event.item.name}: ${event.event.listen} script threw — ${error.name}: ${error.message}`,
      );
    });
    run.on('item', (_error: Error | null, event: { item: { name: string } }) => {
      options.onProgress?.({
        item: event.item.name,
        requests: result.requests,
        assertions: result.assertions,
        failedAssertions: result.failedAssertions,
        scriptErrors: result.scriptErrors,
      });
    });
  });
}
