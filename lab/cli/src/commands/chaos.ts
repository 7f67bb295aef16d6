import {
  type ChaosRequest,
  chaosTargets,
  connectControl,
  DEFAULT_DROP_SHARE,
  DEFAULT_LATENCY_MS,
  deriveHypothesis,
  experimentDatabase,
  formatChaosRun,
  readRunState,
  runChaos,
  SMALLEST_DROP_SHARE,
} from '@journey/orchestrator';
import { CHAOS_KINDS, type ChaosKind, type Topology } from '@journey/topology';
import {
  brokerArg,
  explicitDbArg,
  integerArg,
  parseWithTopologyOptions,
  patternArg,
  topologyOptionValues,
  UsageError,
  withWayRound,
} from '../usage.js';

export const chaosOptions = {
  db: { type: 'string' },
  broker: { type: 'string' },
  ms: { type: 'string' },
  share: { type: 'string' },
  seconds: { type: 'string' },
  signal: { type: 'string' },
} as const;

/** The choice an infrastructure fault runs on when none is named: the first with a server to stand in front of. */
const SERVER_CHOICE: Record<string, string> = { database: 'postgres', broker: 'rabbitmq' };

/**
 * `journey chaos <pattern> <kill|latency|drop|away> [target]`: one fault of the lab's vocabulary,
 * its hypothesis stated first, then availability and latency during it, the invariants afterwards
 * and the verdict, kept for the dashboard and the trade-off cards. The pattern alone lists what can
 * be done to it, each with its hypothesis.
 */
export async function chaos(args: string[]): Promise<number> {
  const { values, positionals, topologyOf } = await parseWithTopologyOptions(args, chaosOptions, 'chaos');
  const pattern = patternArg(positionals[0], 'chaos');
  const topology = topologyOf(pattern);
  const [, kind, given, ...extra] = positionals;
  if (kind === undefined) {
    console.log(chaosMenu(topology));
    return 0;
  }
  if (!(CHAOS_KINDS as readonly string[]).includes(kind))
    throw new UsageError(`journey chaos: no fault "${kind}"`, CHAOS_KINDS);
  if (extra.length > 0) throw new UsageError(`journey chaos: unexpected "${extra.join(' ')}"`);
  const request = chaosRequest(topology, kind as ChaosKind, given, values);
  const faultSeconds = integerArg('seconds', values.seconds, 5, 1, 600);
  const options = topologyOptionValues(values, topology);
  const choices = infrastructureChoices(topology, request, values);
  try {
    experimentDatabase(topology, choices.database as never, options);
  } catch (error) {
    throw new UsageError(`journey chaos: ${(error as Error).message}`);
  }
  // A kill breaks the copy `journey up` runs; a fault in front of infrastructure needs a copy of its own.
  const running = request.kind === 'kill' ? readRunState(pattern) : undefined;
  if (running) console.error(`• the running ${pattern} at ${running.url} is there to break`);
  // The first Ctrl-C or SIGTERM stops the run the way it ends anyway: the fault lifted, the fresh copy
  // stopped with its throw-away databases and broker namespaces, the fault's namespace and relays
  // removed. A second one leaves at once, through exit, where the faults' exit hooks still run.
  const aborting = new AbortController();
  let stoppedBy: NodeJS.Signals | undefined;
  const stop = (signal: NodeJS.Signals) => {
    if (stoppedBy) process.exit(exitCode(signal));
    stoppedBy = signal;
    console.error(
      `• ${signal}: stopping — the fault lifted, the copy and its databases removed (${signal} again leaves at once)`,
    );
    aborting.abort(new Error(`journey chaos stopped by ${signal}`));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    const outcome = await runChaos({
      topology,
      request,
      faultSeconds,
      running: running ? { url: running.url, control: connectControl(running) } : undefined,
      start: {
        choices,
        options,
        onEvent: (event) => {
          if (event.kind === 'starting')
            console.error(`• starting ${event.process} (${event.index + 1}/${event.total})…`);
        },
      },
      onOwnCopy: (reason) => console.error(`• starting a fresh ${pattern}: ${reason}`),
      onHypothesis: (hypothesis) =>
        console.log(
          `${pattern} · chaos ${describe(request)}\n\nHYPOTHESIS (${hypothesis.source}): ${hypothesis.statement}\n` +
            `  reached through the edges: ${hypothesis.reached.join(', ') || 'nothing'}\n`,
        ),
      onEvent: (event) => console.error(`• ${event.phase}: ${event.detail}`),
      signal: aborting.signal,
    });
    console.log(formatChaosRun(outcome));
    return outcome.run.verdict === 'confirmed' ? 0 : 1;
  } catch (error) {
    if (stoppedBy === undefined || error !== aborting.signal.reason) throw withWayRound(error, topology);
    console.error(`• stopped by ${stoppedBy}: the copy, its databases and the fault are gone`);
    return exitCode(stoppedBy);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

/** What a shell reports for a command ended by the signal: 128 + its number. */
const exitCode = (signal: NodeJS.Signals) => (signal === 'SIGINT' ? 130 : 143);

type Values = Partial<Record<keyof typeof chaosOptions, string | boolean>>;
const text = (value: string | boolean | undefined) => (typeof value === 'string' ? value : undefined);

function chaosRequest(
  topology: Topology,
  kind: ChaosKind,
  given: string | undefined,
  values: Values,
): ChaosRequest {
  const targets = chaosTargets(topology)[kind];
  const target = given ?? (targets.length === 1 ? targets[0] : undefined);
  if (target === undefined)
    throw new UsageError(`journey chaos: name what to ${kind} in ${topology.id}`, targets);
  if (!targets.includes(target))
    throw new UsageError(`journey chaos: ${topology.id} has nothing called "${target}" to ${kind}`, targets);
  const misplaced = (['ms', 'share', 'signal'] as const).filter(
    (flag) =>
      values[flag] !== undefined && flag !== { kill: 'signal', latency: 'ms', drop: 'share', away: '' }[kind],
  );
  if (misplaced.length > 0)
    throw new UsageError(`journey chaos: --${misplaced.join(', --')} does not apply to ${kind}`);
  const request: ChaosRequest = { kind, target };
  if (kind === 'latency') request.ms = integerArg('ms', text(values.ms), DEFAULT_LATENCY_MS, 1, 4_000);
  if (kind === 'drop') {
    const share = Number(text(values.share) ?? DEFAULT_DROP_SHARE);
    // The rule draws whole percents: a smaller share would drop nothing.
    if (!(share >= SMALLEST_DROP_SHARE && share <= 1))
      throw new UsageError(
        `journey chaos: --share must be between ${SMALLEST_DROP_SHARE} and 1 (whole percents are dropped), not "${values.share}"`,
      );
    request.share = share;
  }
  if (kind === 'kill') {
    const signal = text(values.signal) ?? 'SIGKILL';
    if (signal !== 'SIGKILL' && signal !== 'SIGTERM')
      throw new UsageError(`journey chaos: --signal must be SIGKILL or SIGTERM, not "${signal}"`);
    request.signal = signal;
  }
  return request;
}

/** --db and --broker as given; a fault in front of a kind named by neither runs on that kind's server. */
function infrastructureChoices(topology: Topology, request: ChaosRequest, values: Values) {
  const choices: Record<string, string | undefined> = {
    database: explicitDbArg(text(values.db)),
    broker: brokerArg(text(values.broker), topology),
  };
  const kind = topology.infrastructure.find((piece) => piece.name === request.target)?.kind;
  if (request.kind !== 'kill' && kind !== undefined && choices[kind] === undefined && SERVER_CHOICE[kind]) {
    choices[kind] = SERVER_CHOICE[kind];
    console.error(`• the ${kind} runs on ${choices[kind]}: the fault needs a server to stand in front of`);
  }
  return choices;
}

const describe = (request: ChaosRequest) =>
  [
    request.kind,
    request.target,
    ...(request.ms !== undefined ? [`--ms ${request.ms}`] : []),
    ...(request.share !== undefined ? [`--share ${request.share}`] : []),
    ...(request.signal !== undefined && request.signal !== 'SIGKILL' ? [`--signal ${request.signal}`] : []),
  ].join(' ');

/** Every fault of the vocabulary this topology can take, each with the hypothesis the lab would test. */
export function chaosMenu(topology: Topology): string {
  const lines = [`what journey chaos ${topology.id} <kind> <target> can do, and what the lab expects:`];
  const targets = chaosTargets(topology);
  for (const kind of CHAOS_KINDS)
    for (const target of targets[kind]) {
      const request = { kind, target };
      lines.push(`  ${describe(request).padEnd(24)} ${deriveHypothesis(topology, request).statement}`);
    }
  lines.push(
    '',
    `  flags: kill --signal SIGKILL|SIGTERM · latency --ms N (default ${DEFAULT_LATENCY_MS}) · drop --share 0.01…1 (default ${DEFAULT_DROP_SHARE}) · --seconds N the fault lasts (default 5)`,
  );
  return lines.join('\n');
}
