import path from 'node:path';
import { openEnterpriseData } from '@journey/soa-service-host';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { type HostileRequest, hostileRequests } from '../soap-kit/hostile-envelopes.js';
import { post, soap11Headers } from '../soap-kit/raw-soap.js';
import { fireVolley, memoryOf, secretFile } from '../soap-kit/volley.js';
import { isAlive, startVolleyServer, stopVolleyServer } from '../soap-kit/volley-process.js';
import { identityVolley } from './identity-volley.js';

/** A few thousand generated envelopes, the same ones (fixed seed) against guarded and unguarded identity. */
const VOLLEY_SIZE = 3_000;
const SEED = 20_261_206;
/**
 * The unguarded run only has to show what the guard prevents, and the first thousand envelopes of the
 * same volley hold every family: the other two thousand took CI about four minutes more (unguarded, each
 * oversized or deeply nested body is parsed whole, and each stored account hashes a password).
 */
const UNGUARDED_SIZE = 1_000;
/** A hang detector, not a latency target: the guard answers in milliseconds. */
const HANG_MS = 10_000;
/** Peak resident memory may grow by this much over the idle service during the volley. */
const PEAK_GROWTH_MIB = 150;
/**
 * The unguarded run parses every oversized and deeply nested body whole (minutes, a gigabyte, when the
 * rest of the suite runs beside it): a bound on a hang, not a latency target.
 */
const VOLLEY_TEST_MS = 600_000;
const VOLLEY_SERVER = path.join(import.meta.dirname, 'identity-volley-server.ts');

let secret: Awaited<ReturnType<typeof secretFile>>;
let volley: HostileRequest[];

beforeAll(async () => {
  secret = await secretFile('identity-volley-');
  volley = fc.sample(hostileRequests(identityVolley, secret.file), { numRuns: VOLLEY_SIZE, seed: SEED });
});
afterAll(() => secret.remove());

/** Identity on a fresh SQLite file, guarded or not, and how many accounts that file holds. */
async function startIdentity(unsafe: boolean) {
  const databaseUrl = path.join(secret.folder, `${unsafe ? 'unsafe' : 'guarded'}.sqlite`);
  const server = await startVolleyServer(VOLLEY_SERVER, {
    VOLLEY_DATABASE: databaseUrl,
    UNSAFE: unsafe ? '1' : '0',
  });
  onTestFinished(() => stopVolleyServer(server).then(() => undefined));
  const data = await openEnterpriseData(databaseUrl);
  onTestFinished(() => data.close());
  const rowsOf = async (table: 'users' | 'idempotency_keys') => {
    const { count } = await data.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    return Number(count);
  };
  /** What identity writes: accounts, and the idempotency keys a CallContext may claim. */
  const accounts = () => rowsOf('users');
  const keys = () => rowsOf('idempotency_keys');
  return { server, accounts, keys };
}

const register = (url: string, username: string) =>
  post(
    url,
    soap11Headers(identityVolley.good.action),
    `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="${identityVolley.namespaces.m}"><s:Body>` +
      `<m:Register><m:username>${username}</m:username><m:email>${username}@example.com</m:email>` +
      `<m:password>a-good-password</m:password></m:Register></s:Body></s:Envelope>`,
  );

describe('a volley of hostile XML at IdentityService', () => {
  it(
    'when it hits identity as the service host runs it, then every answer is a SOAP fault, nothing is stored and the process stays small and alive',
    async () => {
      const { server, accounts, keys } = await startIdentity(false);
      const idle = memoryOf(server.child.pid!);
      const report = await fireVolley(server.url, volley, {
        concurrency: 8,
        hangMs: HANG_MS,
        marker: secret.marker,
      });
      const after = memoryOf(server.child.pid!);
      console.info(
        `identity guarded: ${JSON.stringify(report.outcomes)}; slowest ${report.slowestMs.toFixed(0)} ms;` +
          ` RSS idle ${idle.rssMiB.toFixed(0)} MiB, peak ${after.peakMiB.toFixed(0)} MiB, after ${after.rssMiB.toFixed(0)} MiB` +
          `\nby family: ${JSON.stringify(report.byFamily)}`,
      );
      expect(report.examples).toEqual({});
      expect(report.outcomes).toEqual({ fault: VOLLEY_SIZE });
      expect(await accounts()).toBe(0);
      expect(await keys()).toBe(0);
      expect(after.peakMiB - idle.rssMiB).toBeLessThan(PEAK_GROWTH_MIB);
      // Still serving: a good request is answered and stored.
      const answer = await register(server.url, 'after-the-volley');
      expect(answer.status, answer.body).toBe(200);
      expect(await accounts()).toBe(1);
      expect(await stopVolleyServer(server)).toBe(0);
    },
    VOLLEY_TEST_MS,
  );

  it(
    'when it hits the same operations behind the kit with its guard off, then hostile requests are answered and schema-invalid ones stored',
    async () => {
      const { server, accounts } = await startIdentity(true);
      const idle = memoryOf(server.child.pid!);
      const report = await fireVolley(server.url, volley.slice(0, UNGUARDED_SIZE), {
        concurrency: 8,
        hangMs: HANG_MS,
        marker: secret.marker,
      });
      const alive = isAlive(server);
      const after = alive ? memoryOf(server.child.pid!) : undefined;
      const stored = await accounts();
      console.info(
        `identity unguarded: ${JSON.stringify(report.outcomes)}; accounts stored ${stored}; slowest ${report.slowestMs.toFixed(0)} ms; alive ${alive};` +
          ` RSS idle ${idle.rssMiB.toFixed(0)} MiB, peak ${after?.peakMiB.toFixed(0)} MiB\n` +
          `by family: ${JSON.stringify(report.byFamily)}\nexamples: ${JSON.stringify(report.examples, null, 1)}`,
      );
      expect(report.outcomes.fault ?? 0).toBeLessThan(UNGUARDED_SIZE);
      // Schema-invalid requests reached the handler and were stored (a bad CallContext, an unknown element…).
      const schemaInvalid = report.byFamily['schema-invalid'] ?? {};
      expect(schemaInvalid['not-a-fault']).toBeGreaterThan(0);
      expect(stored).toBeGreaterThan(1);
      // What it does not do: sax reads no DTD, so no file leaked and nothing hung.
      expect(report.outcomes['leaked-file']).toBeUndefined();
      expect(report.outcomes.hung).toBeUndefined();
      expect(alive).toBe(true);
      expect(await stopVolleyServer(server)).toBe(0);
    },
    VOLLEY_TEST_MS,
  );
});
