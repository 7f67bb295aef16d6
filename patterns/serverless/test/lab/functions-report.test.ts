import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFunctionsReport, totalsOf } from '../../lab/functions-report.js';
import { fakeRuntime } from './fake-runtime.js';

let runtime: Awaited<ReturnType<typeof fakeRuntime>>;
beforeAll(async () => {
  runtime = await fakeRuntime((_req, res) => {
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end('{"errors":{"requestsPerMonth":["must be a whole number from 1 to 10^12"]}}');
  });
});
afterAll(() => runtime.close());

describe('the functions report', () => {
  it('says where it asked and what the runtime answered when it is refused', async () => {
    await expect(readFunctionsReport(runtime.url, 5)).rejects.toThrow(
      `the functions report at ${runtime.url}/functions?requestsPerMonth=5 answered 400: {"errors":{"requestsPerMonth"`,
    );
  });

  it('says where it asked when nothing answers', async () => {
    await expect(readFunctionsReport('http://127.0.0.1:1')).rejects.toThrow(
      'the functions report at http://127.0.0.1:1/functions did not answer',
    );
  });

  it('sums invocations, cold starts and peak instances over the functions', () => {
    const unit = { trigger: 'http', instances: 0, cold: null, warm: null };
    expect(
      totalsOf([
        { ...unit, name: 'a', invocations: 7, coldStarts: 2, peakInstances: 2 },
        { ...unit, name: 'b', invocations: 3, coldStarts: 3, peakInstances: 1 },
      ]),
    ).toEqual({ invocations: 10, coldStarts: 5, peakInstances: 3 });
  });
});
