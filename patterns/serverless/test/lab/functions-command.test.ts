import type { HostedUnitsReport, PatternCommandContext, RunningPattern } from '@journey/topology';
import { UsageError } from '@journey/topology';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import serverless from '../../lab/functions.command.js';
import { fakeRuntime } from './fake-runtime.js';

const report: HostedUnitsReport = {
  unit: 'functions',
  runtime: 'serverless-offline (AWS Lambda, API Gateway HTTP API)',
  units: [
    {
      name: 'articles',
      trigger: 'http',
      instances: 2,
      peakInstances: 5,
      invocations: 40,
      coldStarts: 5,
      cold: { p50Ms: 812, p99Ms: 1300, maxMs: 1310 },
      warm: { p50Ms: 8, p99Ms: 25, maxMs: 30 },
    },
    {
      name: 'notify-followers',
      trigger: 'article-published',
      instances: 0,
      peakInstances: 0,
      invocations: 0,
      coldStarts: 0,
      cold: null,
      warm: null,
    },
  ],
};

let asked: string[] = [];
let runtime: Awaited<ReturnType<typeof fakeRuntime>>;
beforeAll(async () => {
  runtime = await fakeRuntime((req, res) => {
    asked.push(req.url!);
    const requests = new URL(req.url!, 'http://runtime').searchParams.get('requestsPerMonth');
    const cost = requests && {
      workload: `${Number(requests).toLocaleString('en-US')} requests a month, 8.5 ms average (measured warm), 1024 MB`,
      rows: [{ platform: 'AWS Lambda', monthlyUsd: 0.2, breakdown: 'requests $0.20 + duration $0.00' }],
    };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(cost ? { ...report, cost } : report));
  });
});
afterAll(() => runtime.close());

async function run(args: string[], running: RunningPattern | (() => never) = topology()) {
  const lines: string[] = [];
  const context: PatternCommandContext = {
    pattern: 'serverless',
    running: typeof running === 'function' ? running : () => running,
    print: (line) => lines.push(line),
    progress: () => {},
    infrastructure: () => [],
    record: () => {},
  };
  asked = [];
  const code = await serverless(args, context);
  return { code, output: lines.join('\n') };
}

const topology = (): RunningPattern => ({
  url: runtime.url,
  processes: [{ name: 'runtime', url: runtime.url }],
});

describe('journey serverless functions', () => {
  it("prints each function's instances, cold starts and latencies, and the cost of the asked workload", async () => {
    const { code, output } = await run(['functions', '--requests-per-month', '2000000']);
    expect(code).toBe(0);
    expect(asked).toEqual(['/functions?requestsPerMonth=2000000']);
    expect(output).toContain(
      `functions run by serverless-offline (AWS Lambda, API Gateway HTTP API) (${runtime.url})`,
    );
    expect(output).toMatch(/articles\s+http\s+2\s+5\s+40\s+5\s+812 \/ 1300 \/ 1310\s+8 \/ 25 \/ 30/);
    expect(output).toMatch(/notify-followers\s+article-published\s+0\s+0\s+0\s+0\s+–\s+–/);
    expect(output).toContain('40 invocations, 5 cold starts, 5 instances at the peak');
    expect(output).toContain('cost of 2,000,000 requests a month');
    expect(output).toMatch(/AWS Lambda\s+\$0\.20\s+requests \$0\.20/);
  });

  it('leaves the workload to the runtime when none is asked, and says when there is no cost yet', async () => {
    const { output } = await run(['functions']);
    expect(asked).toEqual(['/functions']);
    expect(output).toContain('no cost estimate yet');
  });

  it.each([
    [[], /say what to show/],
    [['instances'], /unknown "instances"/],
    [['functions', 'extra'], /takes no arguments/],
    [['functions', '--requests-per-month', 'lots'], /whole number from 1 to 10\^12, got "lots"/],
    [['functions', '--requests-per-month', '0'], /got "0"/],
    [['functions', '--verbose'], /journey serverless: Unknown option '--verbose'/],
  ])('refuses %j as a usage error', async (args, message) => {
    await expect(run(args)).rejects.toThrow(UsageError);
    await expect(run(args)).rejects.toThrow(message);
  });

  it('says which processes there are when the running topology has no runtime', async () => {
    await expect(
      run(['functions'], { url: runtime.url, processes: [{ name: 'gateway', url: runtime.url }] }),
    ).rejects.toThrow(/no process named "runtime" \(it has: gateway\)/);
  });

  it("passes on the lab's own word when nothing is running", async () => {
    const notRunning = () => {
      throw new Error('serverless is not running: start it with journey up serverless');
    };
    await expect(run(['functions'], notRunning)).rejects.toThrow(/journey up serverless/);
  });
});
