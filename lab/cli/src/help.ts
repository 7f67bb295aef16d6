import type { PatternManifest, Topology, TopologyOption } from '@journey/topology';
import { DEFAULT_PATTERN } from './usage.js';

const LAB_HELP = `journey — run, measure and break the eight backend architecture patterns

  journey roadmap [<stage> | done|undo <stage>]
                                           the stages, their difficulty and your progress earned by checks;
                                           one stage: its checkpoints, the commands that earn them and their
                                           last runs, its exercise, what changed from the stage before;
                                           done/undo: your own mark, shown as "done (marked)"
  journey up <pattern> [--db sqlite|postgres] [--port N] [--workers N] [--broker embedded|rabbitmq|nats|kafka]
                                           start a pattern, print its URL, stream its logs (Ctrl-C stops);
                                           a process that dies stays down, the rest keeps serving;
                                           a pattern's own flags (below): journey up <pattern> --help
  journey ps [pattern] [--json] [--requests-per-month N]
                                           every process of the running topologies: pid, port, health, RSS, restarts;
                                           the units a process hosts (functions: instances, cold starts, latency)
                                           and their monthly cost for N requests
  journey logs [pattern] [process] [--follow] [--lines N]
                                           log lines of every process (or one), name in front; also after a run
  journey trace [pattern] [<trace-id> | --latest | --slowest | --list [--limit N]] [--since 5m]
                                           one request across every process as a waterfall (default: the latest)
  journey kill [pattern] <process> [--signal SIGKILL|SIGTERM]
                                           kill one process (SIGKILL: a crash); it stays down until restarted
  journey restart [pattern] <process>      start one process again on the same port, wait until healthy
  journey down [pattern]                   stop a running topology cleanly (its \`journey up\` exits 0)
                                           (the pattern may be left out while only one runs)
  journey test <pattern> [--db sqlite|postgres] [--broker …]
                                           conformance + official Postman suite on a fresh copy
  journey seed <pattern> [--users N] [--articles M] [--db …] [--broker …]
                                           realistic demo data through the API
  journey bench <pattern…> [--duration S] [--rounds N] [--connections N] [--users N] [--articles M] [--db …] [--broker …]
          [--only list,…] [--tracing]
                                           load test, side by side with baselines measured in the same run (reads
                                           against (b), writes against (c)), CPU per request; --tracing adds the
                                           list row with tracing off / unsampled / sampled and what tracing costs;
                                           then the benches the patterns declare (below); default: ${DEFAULT_PATTERN}
  journey bench --startup <pattern…> [--runs N] [--db …] [--broker …]
                                           time from start to first answer and idle memory per process, compiled
                                           and with the tsx loader, beside a bare Node server
  journey check [pattern]                  the pattern's dependency rules, violations in plain words;
                                           alone: the rules between lab, packages and patterns
  journey experiment <pattern> [<name>] [--fault-seconds S] [--db …] [--broker …]
                                           break the pattern under probe load as its topology declares, or put
                                           the load its pattern.ts declares on fresh copies; check the prediction
                                           (the pattern alone: its experiments of both kinds)
  journey chaos <pattern> [kill|latency|drop|away] [target] [--signal S] [--ms N] [--share 0…1] [--seconds N]
                                           one fault for every pattern (a signal, HAProxy Lua delay, nftables
                                           drop in a network namespace, the server cut off): hypothesis,
                                           availability and p50/p99 during it, invariants, verdict
                                           (the pattern alone: what can be done to it, with each hypothesis)
  journey exercise <stage> [show|start|check|reset|remove]
                                           the stage's exercise: the task, your copy to work on (a git
                                           worktree in the data dir), its verdict (tests and rules), hints
  journey compare [all | pattern…] [--shape read-heavy|balanced|write-heavy | --weights list=3,favorite=1,…]
          [--logged-in 0.5] [--connections N] [--duration S] [--db …] [--no-bench] [--json] [--history]
                                           files, code lines, structure, rule violations, unit tests, then one mixed
                                           workload per pattern in turn: req/s, p50/p95/p99, errors, RSS, hops,
                                           cold start, propagation lag, deployable units; stored (--history lists)
  journey cards [pattern…] [--write]       each pattern's trade-off card from the latest compare and chaos runs;
                                           --write puts it in patterns/<slug>/README.md between its markers
  journey deploy <pattern> --target compose|kubernetes|helm [--out dir] [--db sqlite|postgres] [--broker …]
                                           Dockerfiles and the target's files from the topology (Kustomize base with
                                           cluster and local overlays; local = podman kube play), into --out
                                           --run-local (kubernetes): builds the images here and runs the local
                                           overlay with podman kube play until Ctrl-C
  journey dashboard [--port N]             the web dashboard: roadmap, live topologies, conformance, compare
  journey start [--port N] [--workers N] [--db …] [--dashboard-port N]
                                           the first stage (${DEFAULT_PATTERN}) with demo data, and the dashboard (what npm start runs)

  --broker picks the broker of a pattern that has one: the embedded SQLite log (the default), or the
  RabbitMQ or NATS JetStream server on this machine (JOURNEY_RABBITMQ_URL, JOURNEY_NATS_URL).`;

const COLUMN = 43;

/** A command and its description in the help's two columns; a long command puts the text below it. */
function entry(command: string, lines: string[]): string[] {
  const left = `  journey ${command}`;
  const indent = ' '.repeat(COLUMN);
  const [first = '', ...rest] = lines;
  const head = left.length < COLUMN - 1 ? [`${left.padEnd(COLUMN)}${first}`] : [left, `${indent}${first}`];
  return [...head, ...rest.map((line) => `${indent}${line}`)];
}

/** The benches and commands the patterns declare in their `pattern.ts`, in the help's layout. */
function declaredHelp(manifests: PatternManifest[]): string[] {
  const lines: string[] = [];
  for (const { slug, benches = [], experiments = [], commands = [] } of manifests) {
    if (benches.length > 0) {
      const described = benches.flatMap((bench) => [
        `also ${bench.name}: ${bench.title}`,
        ...(bench.options ?? []).map(
          (option) => `  --${option.name} N  ${option.description} (default ${option.default})`,
        ),
      ]);
      lines.push(...entry(`bench ${slug} …`, described));
    }
    if (experiments.length > 0)
      lines.push(
        ...entry(
          `experiment ${slug} …`,
          experiments.map((experiment) => `also ${experiment.name}: ${experiment.title}`),
        ),
      );
    for (const command of commands) lines.push(...entry(command.usage, [`${slug}: ${command.summary}`]));
  }
  return lines;
}

/** A topology option as help shows it: `--platform aws|gcf  … (default aws)`, `--single  … (database: sqlite)`. */
function optionLine(option: TopologyOption): string {
  const usage = option.choices ? `--${option.name} ${option.choices.join('|')}` : `--${option.name}`;
  const picks = Object.entries(option.picks ?? {}).map(([kind, choice]) => `${kind}: ${choice}`);
  const notes = [...(option.choices ? [`default ${option.choices[0]}`] : []), ...picks];
  return `${usage}  ${option.description}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
}

/** `journey up <pattern> --help`: the flags only that pattern's topology has, beside the lab's. */
export function topologyOptionsHelp(topology: Topology, command: string): string {
  const options = topology.options ?? [];
  if (options.length === 0)
    return `journey ${command} ${topology.id} takes the lab's flags only (journey --help); its topology declares none of its own.`;
  return [
    `journey ${command} ${topology.id} also takes the flags its topology declares (patterns/${topology.id}/topology.ts),`,
    'handed to every process of the run as environment:',
    '',
    ...options.map((option) => `  ${optionLine(option)}`),
  ].join('\n');
}

/** A line per pattern whose topology has options, with them below, in the help's layout. */
const optionsHelp = (topologies: readonly Topology[]) =>
  topologies.flatMap(({ id, options = [] }) =>
    options.length > 0 ? entry(`up|test|bench|experiment ${id} …`, options.map(optionLine)) : [],
  );

/**
 * `journey --help`: the lab's commands, then what each pattern adds: what its pattern.ts declares
 * (read from the manifests) and the flags its topology declares (read from the topologies).
 */
export function helpText(manifests: PatternManifest[], topologies: readonly Topology[] = []): string {
  const declared = declaredHelp(manifests);
  const flags = optionsHelp(topologies);
  return [
    LAB_HELP,
    ...(declared.length > 0
      ? ['', 'Declared by the patterns themselves (patterns/<slug>/pattern.ts):', '', ...declared]
      : []),
    ...(flags.length > 0
      ? ['', "Flags a pattern's topology adds (patterns/<slug>/topology.ts):", '', ...flags]
      : []),
  ].join('\n');
}
