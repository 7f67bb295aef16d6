import { CAPABILITIES, type Capability, type ExperimentSpec } from '@journey/topology';
import { describe, expect, it } from 'vitest';
import {
  type FaultReport,
  judge,
  loadTopology,
  PHASES,
  type PhaseFigures,
  runDeclaredExperiment,
  runnablePatterns,
  startTopology,
  type Verdict,
} from '../src/index.js';

const figures: PhaseFigures = {
  requests: 10,
  ok: 10,
  unavailable: 0,
  errorStatuses: {},
  noAnswer: 0,
  timeouts: 0,
  p50Ms: 1,
  p99Ms: 2,
  maxMs: 3,
};

/** A report where everything kept working, except what `during` says about the fault phase. */
function reportWith(
  during: Partial<Record<Capability, Verdict>>,
  changes: Partial<FaultReport> = {},
): FaultReport {
  const all = (verdict: (c: Capability) => Verdict) =>
    Object.fromEntries(CAPABILITIES.map((c) => [c, verdict(c)])) as Record<Capability, Verdict>;
  const byPhase = Object.fromEntries(
    PHASES.map((p) => [p, all(() => 'kept working')]),
  ) as FaultReport['verdicts'];
  byPhase.fault = all((c) => during[c] ?? 'kept working');
  return {
    killed: ['comments'],
    figures: Object.fromEntries(
      PHASES.map((p) => [p, Object.fromEntries(CAPABILITIES.map((c) => [c, figures]))]),
    ) as FaultReport['figures'],
    verdicts: byPhase,
    restartMs: 100,
    recoveryMs: 150,
    lost: [],
    ...changes,
  };
}

const commentsDown: ExperimentSpec = {
  name: 'comments-down',
  title: 'comments crash',
  kill: ['comments'],
  expect: { comments: 'failed fast (503)', articles: 'kept working' },
  lesson: '',
};

describe('judging an experiment against its prediction', () => {
  it('accepts an outcome that matches', () => {
    expect(judge(commentsDown, reportWith({ comments: 'failed fast (503)' }))).toEqual([]);
  });

  it('names each way an outcome can differ', () => {
    const report = reportWith(
      { comments: 'hung', articles: 'degraded' },
      { recoveryMs: undefined, lost: ['comment 7'] },
    );
    report.verdicts.steady.users = 'degraded';
    expect(judge(commentsDown, report)).toEqual([
      'users before the fault: degraded, expected kept working',
      'comments during the fault: hung, expected failed fast (503)',
      'articles during the fault: degraded, expected kept working',
      'not every capability answered again after the restart',
      'lost after an acknowledgement: comment 7',
    ]);
  });
});

// Every experiment a built pattern declares is run for real: the prediction in its topology is a claim
// the lab proves, on a fresh copy with probe load running.
const declared = await Promise.all(
  runnablePatterns().map(async (slug) => {
    const topology = await loadTopology(slug);
    return (topology.experiments ?? []).map((e) => ({ topology, name: e.name }));
  }),
);

describe.each(declared.flat().map((d) => [`${d.topology.id} ${d.name}`, d] as const))(
  'experiment %s',
  (_, { topology, name }) => {
    it('turns out as its topology predicts, with nothing acknowledged lost', async () => {
      const running = await startTopology(topology, { db: 'sqlite', fresh: true });
      try {
        const outcome = await runDeclaredExperiment({
          topology,
          name,
          url: running.url,
          control: running,
          phaseMs: { steady: 1_500, fault: 3_000, recovered: 1_500 },
        });
        expect(outcome.mismatches).toEqual([]);
        expect(outcome.report.figures.fault.comments.requests).toBeGreaterThan(0);
      } finally {
        await running.stop();
      }
    });
  },
);
