import { CAPABILITIES } from '@journey/topology';
import type { FaultReport } from '../experiments/fault-experiment.js';
import type { InvariantCheck } from '../results/index.js';

const listed = (items: string[]) =>
  items.length > 4 ? `${items.slice(0, 4).join('; ')} …` : items.join('; ');

/**
 * What must hold after any fault, whatever the pattern: the fault took effect, everything answers
 * again, nothing acknowledged is lost, no error was answered for a write that was stored, every
 * write is stored exactly once, and the read side shows every acknowledged write.
 */
export function checkInvariants(report: FaultReport, { severs = false } = {}): InvariantCheck[] {
  const { writes } = report;
  const notRecovered = CAPABILITIES.filter((c) => report.verdicts.recovered[c] !== 'kept working');
  const unhealthy = CAPABILITIES.filter((c) => report.verdicts.steady[c] !== 'kept working');
  return [
    {
      name: 'healthy before the fault',
      held: unhealthy.length === 0,
      detail:
        unhealthy.length === 0 ? 'every capability answered 2xx' : `not answering: ${unhealthy.join(', ')}`,
    },
    {
      name: 'the fault took effect',
      held: report.faultProblems.length === 0,
      detail:
        report.faultProblems.length === 0
          ? report.findings.join('; ') || 'injected'
          : listed(report.faultProblems),
    },
    {
      name: 'recovered after the fault',
      held: report.recoveryMs !== undefined && notRecovered.length === 0,
      detail:
        report.recoveryMs === undefined
          ? 'not every request answered again'
          : notRecovered.length > 0
            ? `still failing: ${notRecovered.join(', ')}`
            : `every request answered again ${report.recoveryMs} ms after the fault was lifted`,
    },
    {
      name: 'no acknowledged write lost',
      held: writes.lost.length === 0,
      detail:
        writes.lost.length === 0
          ? `${writes.articles} articles, ${writes.comments} comments probed`
          : listed(writes.lost),
    },
    refusedButStored(writes.committedDespiteError, severs),
    {
      name: 'counts exact',
      held: writes.duplicated.length === 0,
      detail: writes.duplicated.length === 0 ? 'every write stored once' : listed(writes.duplicated),
    },
    {
      name: 'read models converged',
      held: report.convergedMs !== undefined,
      detail:
        report.convergedMs === undefined
          ? 'the read side never showed every acknowledged write'
          : `every acknowledged write readable ${report.convergedMs} ms after the run`,
    },
  ];
}

/**
 * A write answered with an error but stored. Where the fault cuts the processes' connections to their
 * database, a COMMIT under way when the cut came was applied by the server, and its answer was lost
 * with the connection: the process could not know, and answered 5xx. That ambiguity is the cut's, so it
 * is shown but does not refute; any other refused-but-stored write (a 4xx, or no cut at all) does.
 */
function refusedButStored(writes: string[], severs: boolean): InvariantCheck {
  const ambiguous = severs ? writes.filter((write) => /answered 5\d\d/.test(write)) : [];
  const lied = writes.filter((write) => !ambiguous.includes(write));
  return {
    name: 'no refused write stored',
    held: lied.length === 0,
    detail:
      lied.length > 0
        ? listed(lied)
        : ambiguous.length > 0
          ? `${ambiguous.length} answered 5xx but stored, their COMMIT's answer lost with the cut connection (not counted): ${listed(ambiguous)}`
          : 'none',
  };
}
