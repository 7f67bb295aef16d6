import { connectControl, type PatternSlug, readRunState, type TopologyControl } from '@journey/orchestrator';
import { LabConflict, type PatternRun } from '../lab-port.js';
import type { LabEntries } from './lab-entries.js';

/** The run state file of a `journey up` in another process, if one owns the pattern. */
export const foreignRun = (pattern: PatternSlug) => {
  const state = readRunState(pattern);
  return state && state.ownerPid !== process.pid ? state : undefined;
};

/** The pattern's run as the stage page shows it: this dashboard's own, or one adopted from a `journey up` elsewhere. */
export function runOf(lab: LabEntries, pattern: PatternSlug): PatternRun {
  const entry = lab.entryOf(pattern);
  const elsewhere = !entry.owned && entry.state !== 'starting' ? foreignRun(pattern) : undefined;
  if (elsewhere) {
    return {
      pattern,
      state: 'elsewhere',
      url: elsewhere.url,
      infrastructureDescribed: elsewhere.infrastructure.join(', '),
      processes: entry.statuses,
      edges: entry.edges,
      infrastructure: [],
      error: null,
    };
  }
  return {
    pattern,
    state: entry.state,
    url: entry.owned?.supervisor.url ?? null,
    infrastructureDescribed:
      entry.owned?.supervisor.infrastructure.map((piece) => piece.describe).join(', ') ?? null,
    processes: entry.statuses,
    edges: entry.edges,
    infrastructure: entry.infrastructure,
    error: entry.error,
  };
}

/** Tells subscribers the pattern's run changed. */
export const runChanged = (lab: LabEntries, pattern: PatternSlug) =>
  lab.emit({ kind: 'run', run: runOf(lab, pattern) });

/** Whoever runs the pattern now: this dashboard's supervisor or another process's control socket. */
export function controlOf(lab: LabEntries, pattern: PatternSlug): TopologyControl {
  const { owned, state } = lab.entryOf(pattern);
  if (owned && state === 'running') return owned.supervisor;
  const elsewhere = foreignRun(pattern);
  if (elsewhere) return connectControl(elsewhere);
  throw new LabConflict(`${pattern} is not running (${state})`);
}
