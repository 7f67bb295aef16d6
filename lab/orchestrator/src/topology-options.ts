import { infrastructureKind } from '@journey/provisioning';
import type { Topology, TopologyOption } from '@journey/topology';

/** A topology's options as one run resolves them, from what was given and what the topology declares. */
export interface ResolvedTopologyOptions {
  /** Every value option (given or its default) and every switch given: `{ platform: 'aws', single: 'true' }`. */
  values: Record<string, string>;
  /** What every process gets: `{ SERVERLESS_PLATFORM: 'aws', SERVERLESS_SINGLE: 'true' }`. */
  env: Record<string, string>;
  /** Per infrastructure kind, the choice: the explicit ones with what the given switches pick folded in. */
  choices: Record<string, string | undefined>;
}

export const isSwitch = (option: TopologyOption) => option.choices === undefined;

/** The switch that runs `kind` on `choice` (`--single` for `database: sqlite`), if the topology has one. */
export const switchPicking = (topology: Topology, kind: string, choice: string): TopologyOption | undefined =>
  (topology.options ?? []).find((option) => isSwitch(option) && option.picks?.[kind] === choice);

/**
 * `options` plus the switch a database choice needs (serverless on SQLite: `--single`), for runs that
 * put every pattern on one database (the contract tests, the bench, compare) rather than each on its own.
 */
export function withSwitchFor(
  topology: Topology,
  database: string,
  options: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const needed = switchPicking(topology, 'database', database);
  return { ...options, ...(needed && { [needed.name]: 'true' }) };
}

const SWITCH_VALUES = ['true', 'false'];

/** Option values as a command line names them: `{ platform: 'gcf', single: 'true' }` → `--platform gcf --single`. */
export const optionFlags = (values: Readonly<Record<string, string>>): string =>
  Object.entries(values)
    .map(([name, value]) => (value === 'true' ? `--${name}` : `--${name} ${value}`))
    .join(' ');

function checkedValue(topology: Topology, name: string, value: string): string {
  const option = (topology.options ?? []).find((declared) => declared.name === name);
  if (!option) {
    const declared = (topology.options ?? []).map((o) => `--${o.name}`);
    throw new Error(
      `${topology.id} has no option --${name}; ${declared.length > 0 ? `its options: ${declared.join(', ')}` : 'it has no options'}`,
    );
  }
  const allowed = option.choices ?? SWITCH_VALUES;
  if (!allowed.includes(value)) {
    throw new Error(`${topology.id}'s --${name} must be one of ${allowed.join(', ')}, not "${value}"`);
  }
  return value;
}

/**
 * Checks the option values given for a topology against what it declares, gives value options their
 * default (the first choice), and folds what the given switches pick into the infrastructure choices;
 * a switch picking something other than an explicit choice (`--single` with `--db postgres`) is refused.
 */
export function resolveTopologyOptions(
  topology: Topology,
  given: Readonly<Record<string, string>> = {},
  explicitChoices: Readonly<Record<string, string | undefined>> = {},
): ResolvedTopologyOptions {
  for (const [name, value] of Object.entries(given)) checkedValue(topology, name, value);
  const values: Record<string, string> = {};
  const env: Record<string, string> = {};
  const choices = { ...explicitChoices };
  for (const option of topology.options ?? []) {
    const value = given[option.name] ?? option.choices?.[0];
    // A switch left out (or given as false) hands the processes no variable at all.
    if (value === undefined || (isSwitch(option) && value !== 'true')) continue;
    values[option.name] = value;
    env[option.env] = value;
    for (const [kind, choice] of Object.entries(option.picks ?? {})) {
      const explicit = explicitChoices[kind];
      if (explicit !== undefined && explicit !== choice) {
        throw new Error(
          `${topology.id}'s --${option.name} runs its ${kind} on ${choice}; it cannot be combined with --${infrastructureKind(kind).flag} ${explicit}`,
        );
      }
      choices[kind] = choice;
    }
  }
  return { values, env, choices };
}
