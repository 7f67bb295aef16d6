import { describe, expect, it } from 'vitest';
import { tracingSettings } from '../src/settings.js';

describe('tracingSettings', () => {
  it('when the lab gave no run directory, then nothing is traced', () => {
    expect(tracingSettings({}).spansDir).toBeUndefined();
  });

  it('when the lab gave a run directory, then spans go to its spans folder', () => {
    expect(tracingSettings({ JOURNEY_RUN_DIR: '/run/monolith' }).spansDir).toBe('/run/monolith/spans');
  });

  it('when JOURNEY_TRACING=off, then nothing is traced even inside the lab', () => {
    expect(
      tracingSettings({ JOURNEY_RUN_DIR: '/run/monolith', JOURNEY_TRACING: 'off' }).spansDir,
    ).toBeUndefined();
  });

  it('when a setting is malformed, then the error names the variable', () => {
    expect(() => tracingSettings({ JOURNEY_TRACING: 'no' })).toThrow(/JOURNEY_TRACING/);
    expect(() => tracingSettings({ JOURNEY_TRACE_SAMPLE_RATIO: '2' })).toThrow(/JOURNEY_TRACE_SAMPLE_RATIO/);
    expect(() => tracingSettings({ JOURNEY_TRACES_PER_SECOND: '0' })).toThrow(/JOURNEY_TRACES_PER_SECOND/);
  });

  it('when no sampling is set, then every trace is kept up to 100 new traces a second', () => {
    expect(tracingSettings({})).toMatchObject({ sampleRatio: 1, tracesPerSecond: 100 });
    expect(tracingSettings({ JOURNEY_TRACE_SAMPLE_RATIO: '0.1' }).sampleRatio).toBe(0.1);
  });
});
