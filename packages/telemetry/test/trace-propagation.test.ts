import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSpanFiles, type SpanRecord } from '../src/index.js';

const fixture = join(import.meta.dirname, 'fixtures', 'hop-service.ts');

interface Service {
  child: ChildProcess;
  url: string;
  logLines: string[];
}

/** Starts the fixture as its own process, tracing into runDir; resolves with its address once it listens. */
function startService(name: string, runDir: string, env: Record<string, string> = {}): Promise<Service> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
    env: { ...process.env, ...env, SERVICE_NAME: name, JOURNEY_RUN_DIR: runDir, JOURNEY_TRACING: 'on' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const logLines: string[] = [];
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before listening`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      logLines.push(line);
      const { msg, address } = JSON.parse(line) as { msg?: string; address?: string };
      if (msg === 'listening' && address) resolve({ child, url: address, logLines });
    });
  });
}

const stop = (service: Service) =>
  new Promise<void>((resolve) => {
    if (service.child.exitCode !== null) return resolve();
    service.child.once('exit', () => resolve());
    service.child.kill('SIGTERM');
  });

describe('when one traced service calls another through tracedRequest', () => {
  const runDir = mkdtempSync(join(tmpdir(), 'journey-trace-'));
  const callerTraceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  const callerSpanId = '00f067aa0ba902b7';
  let front: Service;
  let back: Service;
  let answer: { back: { traceparent: string } };
  let spans: SpanRecord[];

  beforeAll(async () => {
    back = await startService('back', runDir);
    front = await startService('front', runDir, { NEXT_URL: back.url });
    const response = await fetch(`${front.url}/hop`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${callerTraceId}-${callerSpanId}-01` },
      body: JSON.stringify({ id: 7 }),
    });
    answer = (await response.json()) as typeof answer;
    // Spans are batched; stopping both services is what must write them out.
    await Promise.all([stop(front), stop(back)]);
    // Read back as the lab reads them: what the exporter wrote must parse whole, line by line.
    const written = readSpanFiles(join(runDir, 'spans'));
    expect(written.unreadableLines).toBe(0);
    spans = written.spans;
  });

  afterAll(async () => {
    await Promise.all([front, back].filter(Boolean).map(stop));
    rmSync(runDir, { recursive: true, force: true });
  });

  it('then every span of both services carries the incoming trace id', () => {
    expect(new Set(spans.map((s) => s.service))).toEqual(new Set(['front', 'back']));
    expect(spans.map((s) => s.traceId)).toEqual(spans.map(() => callerTraceId));
  });

  it('then the spans nest caller → front server → front client → back server', () => {
    const frontServer = spans.find((s) => s.service === 'front' && s.kind === 'server');
    const frontClient = spans.find((s) => s.service === 'front' && s.kind === 'client');
    const backServer = spans.find((s) => s.service === 'back' && s.kind === 'server');
    expect(frontServer).toMatchObject({
      name: 'POST /hop',
      parentSpanId: callerSpanId,
      attributes: { 'http.route': '/hop', 'http.response.status_code': 200 },
    });
    expect(frontClient).toMatchObject({
      name: 'GET /leaf/:id',
      parentSpanId: frontServer?.spanId,
      attributes: { 'peer.service': 'back', 'http.response.status_code': 200 },
    });
    expect(backServer).toMatchObject({ name: 'GET /leaf/:id', parentSpanId: frontClient?.spanId });
  });

  it('then the callee received a W3C traceparent naming the client span', () => {
    const frontClient = spans.find((s) => s.service === 'front' && s.kind === 'client');
    expect(answer.back.traceparent).toBe(`00-${callerTraceId}-${frontClient?.spanId}-01`);
  });

  it("then the callee's log line carries the trace id", () => {
    const line = back.logLines.map((l) => JSON.parse(l)).find((l) => l.msg === 'leaf answered');
    expect(line).toMatchObject({ trace_id: callerTraceId });
  });
});

describe('when a trace is not recorded, whether new or from the caller', () => {
  const runDir = mkdtempSync(join(tmpdir(), 'journey-trace-'));
  const callerTraceId = '0af7651916cd43dd8448eb211c80319c';
  let front: Service;
  let back: Service;
  const hop = async (headers: Record<string, string>) => {
    const response = await fetch(`${front.url}/hop`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ id: 7 }),
    });
    return ((await response.json()) as { back: { traceparent: string } }).back.traceparent;
  };
  let sentOnNew: string;
  let sentOnCallers: string;
  let spans: SpanRecord[];

  beforeAll(async () => {
    // The back records every new trace: only what the front passes on can keep it from starting one.
    back = await startService('back', runDir, { JOURNEY_TRACE_SAMPLE_RATIO: '1' });
    front = await startService('front', runDir, { NEXT_URL: back.url, JOURNEY_TRACE_SAMPLE_RATIO: '0' });
    sentOnNew = await hop({});
    sentOnCallers = await hop({ traceparent: `00-${callerTraceId}-b7ad6b7169203331-00` });
    await Promise.all([stop(front), stop(back)]);
    spans = readSpanFiles(join(runDir, 'spans')).spans;
  });

  afterAll(async () => {
    await Promise.all([front, back].filter(Boolean).map(stop));
    rmSync(runDir, { recursive: true, force: true });
  });

  it('then the callee is told "not sampled", in a trace of its own for a new one', () => {
    expect(sentOnNew).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
    expect(sentOnNew).not.toContain(callerTraceId);
  });

  it('then the callee is told "not sampled" in the caller\'s trace', () => {
    expect(sentOnCallers).toMatch(new RegExp(`^00-${callerTraceId}-[0-9a-f]{16}-00$`));
  });

  it('then no service records a span of it', () => {
    expect(spans).toEqual([]);
  });
});
