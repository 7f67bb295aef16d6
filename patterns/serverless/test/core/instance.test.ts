import { describe, expect, it } from 'vitest';
import { instanceMeter } from '../../core/instance.js';

function recordingLog() {
  const lines: Record<string, unknown>[] = [];
  return { lines, info: (fields: Record<string, unknown>) => lines.push(fields) };
}

describe('instanceMeter', () => {
  it('when an instance is invoked, then the first invocation is its cold start and the next ones are warm', () => {
    const log = recordingLog();
    const meter = instanceMeter('tags', log as never);
    const first = meter.start();
    const second = meter.start();
    expect([first.coldStart, second.coldStart]).toEqual([true, false]);
    first.finish();
    second.finish();
    meter.start().finish();
    const { invocations, cold, warm } = meter.snapshot();
    expect(invocations).toBe(3);
    expect([cold.count, warm.count]).toEqual([1, 2]);
  });

  it('when an invocation finishes, then one structured line says the function, instance, coldStart and durationMs', () => {
    const log = recordingLog();
    const meter = instanceMeter('users', log as never);
    const record = meter.start().finish({ statusCode: 201 });
    expect(log.lines).toEqual([
      {
        function: 'users',
        instance: meter.instance,
        coldStart: true,
        durationMs: record.durationMs,
        statusCode: 201,
      },
    ]);
    expect(record.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('when two function modules load, then each has its own cold start', () => {
    const log = recordingLog();
    instanceMeter('users', log as never).start();
    expect(instanceMeter('articles', log as never).start().coldStart).toBe(true);
  });

  it('when two module instances of one function load, then each logs its own instance id', () => {
    const log = recordingLog();
    instanceMeter('users', log as never)
      .start()
      .finish();
    instanceMeter('users', log as never)
      .start()
      .finish();
    const [first, second] = log.lines.map((line) => line.instance);
    expect(first).toMatch(/^[0-9a-f]{8}$/);
    expect(second).not.toBe(first);
  });

  it('when the snapshot is read, then it is a copy the caller cannot change the meter through', () => {
    const meter = instanceMeter('feed', recordingLog() as never);
    meter.snapshot().cold.count = 99;
    expect(meter.snapshot().cold.count).toBe(0);
  });
});
