import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { calculatorVolley } from './calculator-volley.js';
import { type HostileRequest, hostileRequests } from './hostile-envelopes.js';
import { addBody, ENV11, envelope, post, soap11Headers } from './raw-soap.js';
import { fireVolley, memoryOf, secretFile } from './volley.js';
import { isAlive, startVolleyServer, stopVolleyServer as stopServer } from './volley-process.js';

/** A few thousand generated envelopes, the same ones (fixed seed) against the guarded and the unguarded kit. */
const VOLLEY_SIZE = 3_000;
const SEED = 20_261_206;
/** Generous: the guard answers in milliseconds; only a request that never answers should reach it. */
const HANG_MS = 10_000;
/** Peak resident memory may grow by this much over the idle server during the volley (measured: 44 MiB). */
const PEAK_GROWTH_MIB = 120;

const VOLLEY_SERVER = path.join(import.meta.dirname, 'volley-server.ts');
const startServer = (unsafe: boolean) => startVolleyServer(VOLLEY_SERVER, { UNSAFE: unsafe ? '1' : '0' });

let secret: Awaited<ReturnType<typeof secretFile>>;
let volley: HostileRequest[];

beforeAll(async () => {
  secret = await secretFile('soap-kit-xxe-');
  volley = fc.sample(hostileRequests(calculatorVolley, secret.file), { numRuns: VOLLEY_SIZE, seed: SEED });
});
afterAll(() => secret.remove());

const goodAnswer = (url: string) => post(url, soap11Headers(), envelope(ENV11, addBody('20', '22')));

describe('a volley of hostile XML', () => {
  it('when it hits the guarded kit, then every answer is a quick SOAP fault and the process stays small and alive', async () => {
    const server = await startServer(false);
    onTestFinished(() => stopServer(server).then(() => undefined));
    const idle = memoryOf(server.child.pid!);
    const report = await fireVolley(server.url, volley, {
      concurrency: 8,
      hangMs: HANG_MS,
      marker: secret.marker,
    });
    const after = memoryOf(server.child.pid!);
    console.info(
      `guarded: ${JSON.stringify(report.outcomes)}; slowest ${report.slowestMs.toFixed(0)} ms;` +
        ` RSS idle ${idle.rssMiB.toFixed(0)} MiB, peak ${after.peakMiB.toFixed(0)} MiB, after ${after.rssMiB.toFixed(0)} MiB`,
    );
    expect(report.examples).toEqual({});
    expect(report.outcomes).toEqual({ fault: VOLLEY_SIZE });
    expect(after.peakMiB - idle.rssMiB).toBeLessThan(PEAK_GROWTH_MIB);
    const answer = await goodAnswer(server.url);
    expect(answer.status).toBe(200);
    // The kit writes the answer's children in the fixture schema's namespace (qualified).
    expect(answer.body).toMatch(/<(\w+):sum>42<\/\1:sum>/);
    expect(await stopServer(server)).toBe(0);
  });

  // What the `soap` package does on its own, found by running this volley (see the kit's README): sax
  // never reads a DTD's entities, so no file leaks, nothing expands and nothing hangs or crashes; but
  // a DOCTYPE, an oversized body and deep nesting are accepted and answered, schema-invalid input reaches
  // the handler (`<sum>NaN</sum>`), an unknown action answers a TypeError's text, and a SOAP 1.2 request
  // with bad XML gets a SOAP 1.1-shaped fault.
  it('when it hits the kit with its guard switched off, then hostile requests are answered as if they were fine', async () => {
    const server = await startServer(true);
    onTestFinished(() => stopServer(server).then(() => undefined));
    const idle = memoryOf(server.child.pid!);
    const report = await fireVolley(server.url, volley, {
      concurrency: 8,
      hangMs: HANG_MS,
      marker: secret.marker,
    });
    const alive = isAlive(server);
    const after = alive ? memoryOf(server.child.pid!) : undefined;
    console.info(
      `unguarded: ${JSON.stringify(report.outcomes)}; slowest ${report.slowestMs.toFixed(0)} ms; alive ${alive};` +
        ` RSS idle ${idle.rssMiB.toFixed(0)} MiB, peak ${after?.peakMiB.toFixed(0)} MiB\n` +
        `by family: ${JSON.stringify(report.byFamily)}\nexamples: ${JSON.stringify(report.examples, null, 1)}`,
    );
    expect(report.outcomes.fault ?? 0).toBeLessThan(VOLLEY_SIZE);
    expect(report.byFamily.doctype?.fault).toBeUndefined();
    expect(report.byFamily.oversized?.fault).toBeUndefined();
    expect(report.byFamily['deep-nesting']?.fault).toBeUndefined();
    expect(report.outcomes['leaked-internals']).toBeGreaterThan(0);
    expect(report.outcomes['leaked-file']).toBeUndefined();
    expect(report.outcomes.hung).toBeUndefined();
    expect(alive).toBe(true);
    expect(await stopServer(server)).toBe(0);
  });
});
