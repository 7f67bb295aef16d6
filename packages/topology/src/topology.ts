/**
 * A pattern's whole system in one declaration, in the spirit of .NET Aspire's AppHost: which
 * processes run, what they need, how to tell they are healthy, and who talks to whom. The lab starts,
 * draws, breaks and deploys a pattern from this file alone.
 */
export interface ProcessSpec {
  /** Unique within the topology; used in logs (`[name]`) and by `journey kill <name>`. */
  name: string;
  /** argv, run from the repository root. The first element is resolved from `node_modules/.bin` when not a path. */
  command: string[];
  /** Environment variable through which the lab hands the process its port. */
  portEnv: string;
  /** The process that serves the public Conduit API; exactly one per topology. */
  public?: boolean;
  env?: Record<string, string>;
  /** HTTP path that answers 200 once the process can serve. */
  health: string;
  dependsOn?: string[];
  /** Environment variable that sets how many copies of this process share its port (`--workers`). */
  workersEnv?: string;
  /** Which infrastructure the process uses; the lab provisions it and passes its URL in `env` of the entry. */
  uses?: string[];
  /**
   * A path on the process that answers a `HostedUnitsReport` (hosted-units.ts): the units it runs
   * inside itself, such as a function runtime's functions and their live instances, which `journey ps`
   * lists and the diagram draws inside the process's node.
   */
  hostedUnits?: string;
  /**
   * Environment variable through which the lab hands the process a second, plaintext port where it
   * answers the lab: its `health` path, `hostedUnits` and `traffic`. For a process whose own port
   * speaks only mutual TLS (a meshed pod's sidecar), as Kubernetes probes a sidecar's health port
   * instead of the service's; callers still get the main port in `<NAME>_URL`.
   */
  adminPortEnv?: string;
  /**
   * A path (on the admin port when there is one) that answers a `TrafficReport` (traffic-report.ts):
   * request rate, errors and latency per edge as the proxies measured them, which the diagram draws
   * on its edges and `journey ps` prints.
   */
  traffic?: string;
}

export interface InfrastructureSpec {
  name: string;
  /**
   * `database`, `broker`, …: one of the kinds the lab's infrastructure registry knows
   * (`@journey/provisioning`), which validates the entry and provisions it. This package does not
   * list them, so a new kind needs no change here.
   */
  kind: string;
  /** Environment variable that carries the connection URL to the processes that use it. */
  urlEnv: string;
  /**
   * A broker's durable consumer groups, as the processes name them when they subscribe. A throw-away
   * run removes their queues when it stops; RabbitMQ cannot list them, so the topology says. Only
   * kinds that have groups accept it.
   */
  groups?: string[];
  /**
   * The choice this topology runs on when the learner names none, instead of the kind's default:
   * serverless runs on `postgres`, since SQLite holds one writer and a fleet of instances writes at once.
   */
  defaultChoice?: string;
}

/**
 * Edge protocols whose caller sends a request and waits for the answer from a process with a port:
 * for such an edge between two processes the lab hands `from` the base URL of `to` in
 * `processUrlEnv(to)` (e.g. `COMMENTS_URL=http://127.0.0.1:41234`), since internal ports are picked
 * at start. Proxy hops of a mesh are `http` too: the proxy is a process with a port.
 */
export const REQUEST_RESPONSE_PROTOCOLS: readonly string[] = ['http', 'soap'];

export const isRequestResponse = (protocol: string) => REQUEST_RESPONSE_PROTOCOLS.includes(protocol);

/** Who talks to whom. */
export interface EdgeSpec {
  from: string;
  to: string;
  /**
   * Open, so a new pattern can name its own; the ones in use: `http` and `soap` (request/response,
   * see REQUEST_RESPONSE_PROTOCOLS), `sql` (a process and its database), `in-process` (calls inside
   * one process), `events` (publishing to or consuming from a broker whose kind is picked at start
   * with `--broker`, so the wire protocol — AMQP, NATS, a shared SQLite log — is not the topology's to
   * say), `amqp` and `nats` (a fixed broker), `proxy` (a sidecar hop that forwards rather than answers).
   */
  protocol: string;
}

/** The environment variable that carries a process's base URL to its callers: `comments` → `COMMENTS_URL`. */
export const processUrlEnv = (process: string) => `${process.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_URL`;

export interface Topology {
  /** The pattern slug. */
  id: string;
  title: string;
  processes: ProcessSpec[];
  infrastructure: InfrastructureSpec[];
  edges: EdgeSpec[];
  /** Faults the lab can inject into this topology (`journey experiment <pattern> <name>`). */
  experiments?: ExperimentSpec[];
  /**
   * What `journey chaos` should predict where the lab's derivation from the edges would be wrong (a
   * process that answers from a cache while its database is away): per fault kind and target.
   */
  chaos?: ChaosExpectation[];
  /** Flags only this topology has (`--platform gcf`, `--single`), on every lab command that starts it. */
  options?: TopologyOption[];
}

/**
 * A flag of `journey up|test|bench|experiment <slug>` that only this topology has. The lab hands its
 * value to every process in `env`, so the processes, not the lab, decide what it means.
 */
export interface TopologyOption {
  /** `--<name>`; lower-case words joined by `-`, and never one of the lab's own flags. */
  name: string;
  /** One line for `journey --help` and the dashboard. */
  description: string;
  /** The environment variable every process gets with the option's value. */
  env: string;
  /**
   * A value option: the values it accepts, the first being the default, which the processes get when
   * the flag is not given. Without `choices` the option is a switch (`--single`): the processes get
   * `true` when it is given and no variable at all when it is not.
   */
  choices?: readonly string[];
  /**
   * Infrastructure choices a switch forces when given, by kind (`--single` → `{ database: 'sqlite' }`);
   * naming another choice for that kind on the same command line is a usage error.
   */
  picks?: Readonly<Record<string, string>>;
}

/** What a learner does with Conduit, grouped by the part of the system that answers it. */
export const CAPABILITIES = ['users', 'profiles', 'articles', 'favorites', 'comments'] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** What a capability can be seen doing while part of the topology is down. */
export type ExpectedBehaviour = 'kept working' | 'failed fast (503)' | 'down (no answer)';

/**
 * The same prediction for every capability: what a topology whose one process serves everything
 * expects when that process dies (`everyCapability('down (no answer)')`).
 */
export const everyCapability = (behaviour: ExpectedBehaviour): Record<Capability, ExpectedBehaviour> =>
  Object.fromEntries(CAPABILITIES.map((capability) => [capability, behaviour])) as Record<
    Capability,
    ExpectedBehaviour
  >;

/**
 * What the lab breaks, one kind per way things fail; each kind is one module of the lab's experiments
 * (`lab/orchestrator/src/experiments/faults/`), so a new kind is a line here and a file there.
 */
export type FaultSpec =
  /** Processes killed with SIGKILL (a crash), or `signal`, while the probes run, then restarted. */
  | { kind: 'kill'; processes: string[]; signal?: 'SIGKILL' | 'SIGTERM' }
  /**
   * The connection between the processes and a piece of infrastructure cut (a proxy the lab puts in
   * front of its server refuses and drops every connection), then restored; the server itself keeps running.
   */
  | { kind: 'cut-infrastructure'; name: string }
  /**
   * The infrastructure's server made slow: an HAProxy in front of it holds every chunk the processes
   * send for `ms` (a Lua filter), on open connections too, until the fault is lifted.
   */
  | { kind: 'latency'; name: string; ms: number }
  /**
   * A `share` (0…1) of new connections to the infrastructure's server dropped: the processes reach it
   * through a network namespace the lab creates, where an nftables rule drops that share of them.
   */
  | { kind: 'drop'; name: string; share: number }
  /**
   * The answer to every `every`th `request` (`POST /api/articles`) lost on its way back: the server
   * got the request and answered, the client sees the connection drop and retries with the same
   * `Idempotency-Key`.
   */
  | { kind: 'lose-answers'; request: string; every: number }
  /**
   * A fault the pattern's own tooling injects and lifts: the lab runs its command
   * (`journey <inject…>`, e.g. `mesh apply policies/fault-injection.yaml`) once the probes run, and
   * `journey <lift…>` to lift it, so faults only the pattern can make (a mesh's injected aborts and
   * delays) are judged like any other.
   */
  | { kind: 'command'; inject: string[]; lift: string[] };

export type FaultKind = FaultSpec['kind'];

/**
 * A fault and the outcome the pattern's design predicts. The lab runs probe load against every
 * capability, injects the fault, lifts it, and checks the prediction, so a topology's claims about
 * failure isolation are tested rather than asserted.
 */
export interface ExperimentSpec {
  /** Used on the command line, e.g. `comments-down`. */
  name: string;
  /** One line: what breaks. */
  title: string;
  fault: FaultSpec;
  /** What each capability should do during the fault; capabilities left out are only reported. */
  expect: Partial<Record<Capability, ExpectedBehaviour>>;
  /** The trade-off the outcome shows, printed after the run. */
  lesson: string;
}

/** `journey chaos`'s vocabulary, the same for every pattern: kill a process, slow, drop or take away infrastructure. */
export const CHAOS_KINDS = ['kill', 'latency', 'drop', 'away'] as const;
export type ChaosKind = (typeof CHAOS_KINDS)[number];

/** A topology's own prediction for one chaos fault, instead of the one the lab derives from its edges. */
export interface ChaosExpectation {
  kind: ChaosKind;
  /** A process (kill) or a piece of infrastructure (latency, drop, away), by name. */
  target: string;
  expect: Partial<Record<Capability, ExpectedBehaviour>>;
  /** Why the derived prediction does not hold here; printed with the hypothesis. */
  because: string;
}

/** What is wrong with an experiment's fault, given the topology's process and infrastructure names. */
function faultProblems(
  experiment: ExperimentSpec,
  processes: ReadonlySet<string>,
  infrastructure: ReadonlySet<string>,
): string[] {
  const fault = experiment.fault;
  const where = `experiment "${experiment.name}"`;
  switch (fault.kind) {
    case 'kill':
      return fault.processes.flatMap((name) =>
        processes.has(name) ? [] : [`${where} kills unknown process "${name}"`],
      );
    case 'cut-infrastructure':
      return infrastructure.has(fault.name) ? [] : [`${where} cuts unknown infrastructure "${fault.name}"`];
    case 'latency':
      return [
        ...(infrastructure.has(fault.name) ? [] : [`${where} slows unknown infrastructure "${fault.name}"`]),
        ...(Number.isInteger(fault.ms) && fault.ms >= 1 ? [] : [`${where}: ms must be a whole number ≥ 1`]),
      ];
    case 'drop':
      return [
        ...(infrastructure.has(fault.name) ? [] : [`${where} drops unknown infrastructure "${fault.name}"`]),
        ...(fault.share > 0 && fault.share <= 1 ? [] : [`${where}: share must be above 0 and at most 1`]),
      ];
    case 'lose-answers':
      return [
        ...(/^[A-Z]+ \/\S*$/.test(fault.request) ? [] : [`${where}: request must read "METHOD /path"`]),
        ...(Number.isInteger(fault.every) && fault.every >= 1
          ? []
          : [`${where}: every must be a whole number ≥ 1`]),
      ];
    case 'command':
      return fault.inject.length > 0 && fault.lift.length > 0
        ? []
        : [`${where}: a command fault names a command to inject it and one to lift it`];
    default:
      return [`${where} has an unknown fault kind "${(fault as { kind: string }).kind}"`];
  }
}

/** Flags the lab's commands have themselves, which a topology option may not take. */
export const LAB_FLAGS: readonly string[] = [
  'articles',
  'broker',
  'connections',
  'dashboard-port',
  'db',
  'duration',
  'fault-seconds',
  'follow',
  'help',
  'json',
  'latest',
  'limit',
  'lines',
  'list',
  'ms',
  'no-bench',
  'port',
  'rounds',
  'seconds',
  'seed',
  'share',
  'signal',
  'since',
  'slowest',
  'users',
  'warmup',
  'workers',
  'write',
];

function optionProblems(options: readonly TopologyOption[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const option of options) {
    const where = `option --${option.name}`;
    if (seen.has(option.name)) problems.push(`${where} is declared twice`);
    seen.add(option.name);
    if (!/^[a-z]+(-[a-z]+)*$/.test(option.name))
      problems.push(`${where}: a name is lower-case words joined by -`);
    if (LAB_FLAGS.includes(option.name)) problems.push(`${where} would shadow the lab's own flag`);
    if (!/^[A-Z][A-Z0-9_]*$/.test(option.env))
      problems.push(`${where}: env must be an environment variable name`);
    if (option.choices !== undefined && option.choices.length === 0) problems.push(`${where} has no choices`);
    if (option.choices !== undefined && option.picks !== undefined)
      problems.push(`${where}: only a switch (no choices) may pick infrastructure`);
  }
  return problems;
}

export class TopologyError extends Error {
  constructor(id: string, problems: string[]) {
    super(`topology "${id}" is invalid: ${problems.join('; ')}`);
    this.name = 'TopologyError';
  }
}

/** Validates a topology when the pattern's module loads, so a typo fails at once and names itself. */
export function defineTopology(topology: Topology): Topology {
  const problems: string[] = [];
  const names = new Set<string>();
  for (const p of topology.processes) {
    if (names.has(p.name)) problems.push(`process "${p.name}" is declared twice`);
    names.add(p.name);
    if (p.command.length === 0) problems.push(`process "${p.name}" has an empty command`);
    if (!p.health.startsWith('/')) problems.push(`process "${p.name}" health must be a path`);
    if (p.adminPortEnv !== undefined && p.adminPortEnv === p.portEnv)
      problems.push(`process "${p.name}" has the same variable for its port and its admin port`);
    if (p.traffic !== undefined && !p.traffic.startsWith('/'))
      problems.push(`process "${p.name}" traffic must be a path`);
  }
  const infra = new Set(topology.infrastructure.map((i) => i.name));
  for (const p of topology.processes) {
    for (const dep of p.dependsOn ?? [])
      if (!names.has(dep)) problems.push(`"${p.name}" depends on unknown "${dep}"`);
    for (const use of p.uses ?? [])
      if (!infra.has(use)) problems.push(`"${p.name}" uses unknown infrastructure "${use}"`);
  }
  for (const i of topology.infrastructure) if (i.kind === '') problems.push(`"${i.name}" has no kind`);
  const nodes = new Set([...names, ...infra, 'client']);
  for (const e of topology.edges) {
    if (!nodes.has(e.from) || !nodes.has(e.to))
      problems.push(`edge ${e.from} → ${e.to} names an unknown node`);
    if (e.protocol === '') problems.push(`edge ${e.from} → ${e.to} has no protocol`);
  }
  const experimentNames = new Set<string>();
  for (const experiment of topology.experiments ?? []) {
    if (experimentNames.has(experiment.name))
      problems.push(`experiment "${experiment.name}" is declared twice`);
    experimentNames.add(experiment.name);
    problems.push(...faultProblems(experiment, names, infra));
  }
  for (const expectation of topology.chaos ?? [])
    if (!(expectation.kind === 'kill' ? names : infra).has(expectation.target))
      problems.push(`chaos expectation for ${expectation.kind} names unknown "${expectation.target}"`);
  problems.push(...optionProblems(topology.options ?? []));
  const publicCount = topology.processes.filter((p) => p.public).length;
  if (publicCount !== 1) problems.push(`exactly one process must be public, found ${publicCount}`);
  if (problems.length > 0) throw new TopologyError(topology.id, problems);
  return topology;
}

/** Processes ordered so that each comes after everything it depends on. */
export function startOrder(topology: Topology): ProcessSpec[] {
  const byName = new Map(topology.processes.map((p) => [p.name, p]));
  const ordered: ProcessSpec[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (p: ProcessSpec, path: string[]) => {
    if (state.get(p.name) === 'done') return;
    if (state.get(p.name) === 'visiting') {
      throw new TopologyError(topology.id, [`dependency cycle: ${[...path, p.name].join(' → ')}`]);
    }
    state.set(p.name, 'visiting');
    for (const dep of p.dependsOn ?? []) visit(byName.get(dep)!, [...path, p.name]);
    state.set(p.name, 'done');
    ordered.push(p);
  };
  for (const p of topology.processes) visit(p, []);
  return ordered;
}
