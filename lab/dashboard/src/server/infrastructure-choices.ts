import {
  choiceFor,
  defaultChoiceIn,
  INFRASTRUCTURE_KINDS,
  infrastructureKind,
  usesKind,
} from '@journey/orchestrator';
import type { Topology } from '@journey/topology';

/** What the start form offers for one kind of infrastructure the topology declares (`journey up --db|--broker`). */
export interface InfrastructureChoice {
  kind: string;
  /** The CLI flag that makes the same choice, named on the page so the learner can repeat it in a terminal. */
  flag: string;
  choices: readonly string[];
  /** What a choice is, where its name says less (`kafka`: a mock cluster), shown beside it. */
  notes: Readonly<Record<string, string>>;
  /**
   * Selected when the page opens: the lab's own default for the kind (the dashboard's `--db`), else the
   * topology's own (serverless: postgres), else the kind's.
   */
  defaultChoice: string;
}

/** Per kind the topology uses, in the registry's order: what its start form may pick. */
export function offeredChoices(
  topology: Topology,
  labDefaults: Readonly<Record<string, string>>,
): InfrastructureChoice[] {
  return [...INFRASTRUCTURE_KINDS.values()]
    .filter((entry) => usesKind(topology, entry.kind))
    .map(({ kind, flag, choices, choiceNotes = {}, defaultChoice }) => ({
      kind,
      flag,
      choices,
      notes: choiceNotes,
      defaultChoice: labDefaults[kind] ?? defaultChoiceIn(topology, kind) ?? defaultChoice,
    }));
}

/**
 * Why the topology cannot start on a request's choices (keyed by kind), checked against the registry
 * before anything runs: a kind it does not declare, or a choice its kind does not offer (the message
 * names those it does). Undefined when every choice is one the topology can take.
 */
export function refusedChoice(
  topology: Topology,
  requested: Readonly<Record<string, string>>,
): string | undefined {
  for (const kind of Object.keys(requested)) {
    if (!usesKind(topology, kind))
      return `${topology.id} has no ${kind} to choose: its topology declares none`;
    try {
      choiceFor(infrastructureKind(kind), requested);
    } catch (error) {
      return (error as Error).message;
    }
  }
  return undefined;
}
