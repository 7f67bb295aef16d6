import { afterEach, describe, expect, it } from 'vitest';
import { type BadInputReport, runBadInput } from '../src/robustness/index.js';
import { type FakeBugs, type FakeConduit, startFakeConduit } from './robustness-fake-conduit.js';

// The test of the test: a fuzzer that never fails proves nothing, so each bug below must be flagged,
// and a correct server must not be.
let fake: FakeConduit | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function fuzz(bugs: FakeBugs, options: { log?: (line: string) => void; timeoutMs?: number } = {}) {
  fake = await startFakeConduit(bugs);
  return runBadInput({
    baseUrl: fake.baseUrl,
    runs: 50,
    seed: 1234,
    settleMs: 500,
    log: () => {},
    ...options,
  });
}

const reasons = (report: BadInputReport) =>
  report.failures.map((f) => `${f.status} ${f.request}: ${f.reason}`);

describe('runBadInput', () => {
  it('when the server is correct, then no request is flagged', async () => {
    const report = await fuzz({});
    expect(reasons(report)).toEqual([]);
    expect(report.requests).toBeGreaterThanOrEqual(50);
    // Every class of refusal was exercised, and valid hostile input was accepted.
    for (const status of [201, 400, 401, 403, 404, 405, 413, 415, 422])
      expect(report.byStatus[status]).toBeGreaterThan(0);
  });

  it('when limit=abc crashes the server, then the 500 is reported with the request, and the seed is printed', async () => {
    const lines: string[] = [];
    const report = await fuzz({ limitAbc500: true }, { log: (line) => lines.push(line) });
    const crash = report.failures.find((f) => f.status === 500);
    expect(crash?.request).toMatch(/^GET \/api\/articles\?limit=abc/);
    expect(crash?.body).toContain('NaN is not a valid LIMIT');
    expect(lines.join('\n')).toContain('seed 1234');
  });

  it('when a request hangs, then it is reported as a timeout', async () => {
    const report = await fuzz({ hangOnQuote: true }, { timeoutMs: 500 });
    expect(report.failures.some((f) => f.status === 'timeout' && f.request.includes('tag=%27'))).toBe(true);
  });

  it('when unsigned (alg none) tokens are trusted, then the accepted requests and the changed fixture are reported', async () => {
    const report = await fuzz({ acceptAlgNone: true });
    const accepted = report.failures.filter(
      (f) => /alg [nN]one/.test(f.request) && f.reason.startsWith('accepted a request that must be refused'),
    );
    expect(accepted.length).toBeGreaterThan(0);
    expect(accepted.every((f) => typeof f.status === 'number' && f.status < 300)).toBe(true);
    expect(report.failures.some((f) => f.reason === 'the fixture changed')).toBe(true);
  });

  it('when 404s are plain text, then the error shape is reported', async () => {
    const report = await fuzz({ plainNotFound: true });
    expect(report.failures.length).toBeGreaterThan(0);
    expect(report.failures.every((f) => f.status === 404 && f.reason.includes('RealWorld error shape'))).toBe(
      true,
    );
  });

  it('when there is no body limit, then every oversized body is reported for not getting 413', async () => {
    const report = await fuzz({ noBodyLimit: true });
    const oversized = report.failures.filter((f) => f.reason.includes('413'));
    expect(oversized.length).toBeGreaterThanOrEqual(12); // two per body-taking route in the fixed corpus alone
    expect(oversized.some((f) => f.request.includes('chunked'))).toBe(true);
  });
});
