import { describe, expect, it } from 'vitest';
import { functionFleet, invocationOf, type LoggedInvocation } from '../../platforms/local/fleet.js';

const call = (instance: string, coldStart: boolean, durationMs: number): LoggedInvocation => ({
  function: 'tags',
  instance,
  coldStart,
  durationMs,
});

describe('invocationOf', () => {
  it('when a line is the meter’s invocation line, then it reads function, instance, start and duration', () => {
    const line = JSON.stringify({
      level: 30,
      msg: 'invocation',
      ...call('ab12cd34', true, 41.5),
      statusCode: 200,
    });

    expect(invocationOf(line)).toEqual(call('ab12cd34', true, 41.5));
  });

  it('when a line is anything else, then it is no invocation', () => {
    expect(invocationOf('offline: GET /api/tags (λ: tags)')).toBeUndefined();
    expect(invocationOf('{not json')).toBeUndefined();
    expect(invocationOf(JSON.stringify({ msg: 'listening', function: 'tags' }))).toBeUndefined();
    expect(invocationOf(JSON.stringify({ msg: 'invocation', function: 'tags' }))).toBeUndefined();
  });
});

describe('functionFleet', () => {
  it('when invocations come from several instances, then it counts them, their cold starts and the peak', () => {
    const fleet = functionFleet([{ name: 'tags', trigger: 'http' }], { kind: 'process' });
    for (const invocation of [call('a', true, 300), call('b', true, 500), call('a', false, 10)]) {
      fleet.record(invocation, 0);
      fleet.recordLatency(invocation, invocation.durationMs);
    }
    const [tags] = fleet.units(0);

    expect(tags).toMatchObject({ name: 'tags', trigger: 'http', instances: 2, peakInstances: 2 });
    expect(tags).toMatchObject({ invocations: 3, coldStarts: 2 });
    expect(tags!.cold).toEqual({ p50Ms: 300, p99Ms: 500, maxMs: 500 });
    expect(tags!.warm).toEqual({ p50Ms: 10, p99Ms: 10, maxMs: 10 });
  });

  it('when an instance has been idle longer than the idle time, then it is no longer alive, as serverless-offline reaps it', () => {
    const fleet = functionFleet([{ name: 'tags', trigger: 'http' }], { kind: 'idle', idleMs: 60_000 });
    fleet.record(call('a', true, 300), 0);
    fleet.record(call('b', true, 300), 30_000);

    expect(fleet.units(60_000)[0]!.instances).toBe(2);
    expect(fleet.units(60_001)[0]!.instances).toBe(1);
    expect(fleet.units(90_001)[0]).toMatchObject({ instances: 0, peakInstances: 2 });
  });

  it('when the runtime keeps its processes, then an instance stays alive however long it idles', () => {
    const fleet = functionFleet([{ name: 'tags', trigger: 'http' }], { kind: 'process' });
    fleet.record(call('a', true, 300), 0);

    expect(fleet.units(24 * 3_600_000)[0]!.instances).toBe(1);
  });

  it('when nothing has run warm, then there is no mean warm duration; after, the mean across functions', () => {
    const fleet = functionFleet(
      [
        { name: 'tags', trigger: 'http' },
        { name: 'users', trigger: 'http' },
      ],
      { kind: 'process' },
    );
    fleet.recordLatency(call('a', true, 300), 300);
    expect(fleet.meanWarmMs()).toBeUndefined();
    fleet.recordLatency(call('a', false, 10), 10);
    fleet.recordLatency({ ...call('u', false, 20), function: 'users' }, 20);

    expect(fleet.meanWarmMs()).toBe(15);
    expect(fleet.units().map(({ cold, warm }) => [cold !== null, warm !== null])).toEqual([
      [true, true],
      [false, true],
    ]);
  });

  it('when a line names a function the runtime does not host, then the fleet ignores it', () => {
    const fleet = functionFleet([{ name: 'tags', trigger: 'http' }], { kind: 'process' });
    fleet.record({ ...call('x', true, 1), function: 'elsewhere' });

    expect(fleet.units().map(({ name }) => name)).toEqual(['tags']);
    expect(fleet.units()[0]!.invocations).toBe(0);
  });
});
