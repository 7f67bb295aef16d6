import { CAPABILITIES, type Capability, type ExperimentSpec } from '@journey/topology';
import { describe, expect, it } from 'vitest';
import {
  FaultRefused,
  type FaultReport,
  judge,
  loadTopology,
  PHASES,
  type PhaseFigures,
  runDeclaredExperiment,
  runnablePatterns,
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
    during: 'with comments killed',
    afterwards: 'after the restart',
    figures: Object.fromEntries(
      PHASES.map((p) => [p, Object.fromEntries(CAPABILITIES.map((c) => [c, figures]))]),
    ) as FaultReport['figures'],
    verdicts: byPhase,
    liftMs: 100,
    recoveryMs: 150,
    writes: { lost: [], committedDespiteError: [], duplicated: [], articles: 3, comments: 4 },
    convergedMs: 20,
    findings: [],
    faultProblems: [],
    ...changes,
  };
}

const commentsDown: ExperimentSpec = {
  name: 'comments-down',
  title: 'comments crash',
  fault: { kind: 'kill', processes: ['comments'] },
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
      {
        recoveryMs: undefined,
        writes: {
          lost: ['comment "c7"'],
          committedDespiteError: ['article "a2", answered 503 …'],
          duplicated: ['article "a4" ×2'],
          articles: 4,
          comments: 7,
        },
        faultProblems: ['no answer to POST /api/articles was lost: no retry was put to the test'],
      },
    );
    report.verdicts.steady.users = 'degraded';
    expect(judge(commentsDown, report)).toEqual([
      'users before the fault: degraded, expected kept working',
      'comments during the fault: hung, expected failed fast (503)',
      'articles during the fault: degraded, expected kept working',
      'not every request that worked before the fault answered again after the restart',
      'lost after an acknowledgement: comment "c7"',
      'answered with an error but stored: article "a2", answered 503 …',
      'stored more than once: article "a4" ×2',
      'no answer to POST /api/articles was lost: no retry was put to the test',
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
    it('turns out as its topology predicts, with nothing acknowledged lost', async (context) => {
      const outcome = await runDeclaredExperiment({
        topology,
        name,
        start: { choices: { database: 'sqlite' } },
        phaseMs: { steady: 1_500, fault: 3_000, recovered: 1_500 },
      }).catch((error: unknown) => {
        // A fault the default choices cannot take (a broker that is a file has no connection to cut)
        // is run by its pattern's own tests on the servers it needs.
        if (error instanceof FaultRefused) context.skip(error.message);
        throw error;
      });
      // On a mismatch, the figures say what the verdicts sum up (which statuses, how many, how slow).
      const figures = JSON.stringify(outcome.report.figures);
      expect(outcome.mismatches, figures).toEqual([]);
      expect(outcome.report.figures.fault.comments.requests).toBeGreaterThan(0);
    });
  },
);
