import { type InfrastructureSpec, type Topology, TopologyError } from '@journey/topology';
import { brokerKind } from './broker.kind.js';
import { databaseKind } from './database.kind.js';
import type { InfrastructureKind, InfrastructureProbe, Provisioned } from './infrastructure-kind.js';

/**
 * Every kind of infrastructure a topology may declare, in provisioning order. A new kind (a function
 * runtime, a certificate authority) is one entry here, and the runner, supervisor, CLI and dashboard
 * pick it up.
 */
export const INFRASTRUCTURE_KINDS: ReadonlyMap<string, InfrastructureKind> = new Map(
  [databaseKind, brokerKind].map((entry) => [entry.kind, entry]),
);

const knownKinds = () => [...INFRASTRUCTURE_KINDS.keys()].join(', ');

export function infrastructureKind(kind: string): InfrastructureKind {
  const entry = INFRASTRUCTURE_KINDS.get(kind);
  if (!entry) throw new Error(`unknown infrastructure kind "${kind}"; known kinds: ${knownKinds()}`);
  return entry;
}

/** What is wrong with a topology's infrastructure as the registry sees it: unknown kinds, and what each kind refuses. */
export function infrastructureProblems(topology: Topology): string[] {
  return topology.infrastructure.flatMap((spec) => {
    const entry = INFRASTRUCTURE_KINDS.get(spec.kind);
    if (!entry) return [`"${spec.name}" is of unknown kind "${spec.kind}"; known kinds: ${knownKinds()}`];
    const defaultOffered = spec.defaultChoice === undefined || entry.choices.includes(spec.defaultChoice);
    return [
      ...(defaultOffered
        ? []
        : [
            `"${spec.name}" defaults to ${entry.kind} "${spec.defaultChoice}", which is not one of ${entry.choices.join(', ')}`,
          ]),
      ...entry.validate(spec),
    ];
  });
}

/**
 * Throws a TopologyError naming every problem `infrastructureProblems` finds. `@journey/topology`
 * cannot know the kinds (it sits below this package), so whoever loads or starts a topology calls this.
 */
export function validateInfrastructure(topology: Topology): Topology {
  const problems = infrastructureProblems(topology);
  if (problems.length > 0) throw new TopologyError(topology.id, problems);
  return topology;
}

/** Whether a topology declares infrastructure of `kind` (a flag picking its choice would otherwise do nothing). */
export const usesKind = (topology: Topology, kind: string) =>
  topology.infrastructure.some((spec) => spec.kind === kind);

/**
 * The choice `choices` names for the kind (keyed by kind), else the entry's own default (`spec`), else
 * the kind's; refuses one the kind does not offer.
 */
export function choiceFor(
  entry: InfrastructureKind,
  choices: Readonly<Record<string, string | undefined>>,
  spec?: Pick<InfrastructureSpec, 'defaultChoice'>,
): string {
  const choice = choices[entry.kind] ?? spec?.defaultChoice ?? entry.defaultChoice;
  if (!entry.choices.includes(choice)) {
    throw new Error(
      `no ${entry.kind} "${choice}"; choose one of ${entry.choices.join(', ')} (--${entry.flag})`,
    );
  }
  return choice;
}

/** The choice a topology's entry of `kind` runs on when none is named (its own default, else the kind's); undefined without one. */
export function defaultChoiceIn(topology: Topology, kind: string): string | undefined {
  const spec = topology.infrastructure.find((entry) => entry.kind === kind);
  return spec && choiceFor(infrastructureKind(kind), {}, spec);
}

/**
 * The flags that would pick the same infrastructure (`{ db: 'postgres', broker: 'nats' }`) for pieces
 * already provisioned: what a check ran on, written the way its command line would name it.
 */
export function choiceFlags(pieces: readonly Pick<Provisioned, 'kind' | 'choice'>[]): Record<string, string> {
  const flags: Record<string, string> = {};
  for (const piece of pieces) flags[infrastructureKind(piece.kind).flag] ??= piece.choice;
  return flags;
}

/** A live look at one provisioned piece, by its kind's probe (what the dashboard shows on its node). */
export const probeInfrastructure = (provisioned: Provisioned): Promise<InfrastructureProbe> =>
  infrastructureKind(provisioned.kind).probe(provisioned);
