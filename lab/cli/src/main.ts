import { UsageError } from './usage.js';

const HELP = `journey — run, measure and break the eight backend architecture patterns

  journey roadmap [done|undo <stage>]      the stages, their difficulty and your progress
  journey up <pattern> [--db sqlite|postgres] [--port N] [--workers N] [--broker embedded|rabbitmq|nats]
                                           start a pattern, print its URL, stream its logs (Ctrl-C stops);
                                           a process that dies stays down, the rest keeps serving
  journey ps [pattern] [--json]            every process of the running topologies: pid, port, health, RSS, restarts
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
  journey bench <pattern…> [--duration S] [--connections N] [--db …] [--broker …] [--rate N] [--followers N]
                                           load test, side by side with baselines measured in the same run;
                                           with event-driven, also publish → followers' feeds lag per broker
  journey check <pattern>                  the pattern's dependency rules, violations in plain words
  journey experiment <pattern> <name> [--fault-seconds S] [--db …] [--broker …]
                                           break the pattern under probe load as its topology declares; check the prediction
  journey compare <pattern…> [--no-bench] [--json] [--rounds N]
                                           files, code lines, structure, rule violations, unit tests and
                                           list-articles req/s (one bench run), patterns side by side
  journey dashboard [--port N]             the web dashboard: roadmap, live topologies, conformance, compare
  journey start [--port N] [--workers N] [--db …] [--dashboard-port N]
                                           the monolith with demo data, and the dashboard (what npm start runs)
  journey events projections | replay <projection> | dlq [replay <service> <id>] [--all]
                                           event-driven's read models (rebuild one from the event history)
                                           and the messages its consumers parked as dead letters

  --broker picks the event-driven pattern's broker: its embedded SQLite log (the default), or the
  RabbitMQ or NATS JetStream server on this machine (JOURNEY_RABBITMQ_URL, JOURNEY_NATS_URL).`;

type Command = (args: string[]) => Promise<number>;

// Loaded on demand: `journey roadmap` should not pay for newman or autocannon.
const commands: Record<string, () => Promise<Command>> = {
  roadmap: async () => (await import('./commands/roadmap.js')).roadmap,
  up: async () => (await import('./commands/up.js')).up,
  ps: async () => (await import('./commands/ps.js')).ps,
  logs: async () => (await import('./commands/logs.js')).logs,
  trace: async () => (await import('./commands/trace.js')).trace,
  kill: async () => (await import('./commands/kill.js')).kill,
  restart: async () => (await import('./commands/restart.js')).restart,
  down: async () => (await import('./commands/down.js')).down,
  test: async () => (await import('./commands/test.js')).test,
  seed: async () => (await import('./commands/seed.js')).seed,
  bench: async () => (await import('./commands/bench.js')).bench,
  check: async () => (await import('./commands/check.js')).check,
  experiment: async () => (await import('./commands/experiment.js')).experiment,
  compare: async () => (await import('./commands/compare.js')).compare,
  dashboard: async () => (await import('./commands/dashboard.js')).dashboard,
  start: async () => (await import('./commands/start.js')).start,
  events: async () => (await import('./commands/events.js')).events,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    console.log(HELP);
    return 0;
  }
  const load = commands[name];
  if (!load) throw new UsageError(`journey: unknown command "${name}"`, Object.keys(commands));
  const command = await load();
  return command(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    // Every command has finished its work here (`up` once its topology stopped); leftover sockets must not keep us alive.
    process.exit(code);
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`${error.message}${error.choices ? ` (choose from: ${error.choices.join(', ')})` : ''}`);
      process.exit(2);
    }
    console.error(`journey: ${(error as Error).message}`);
    process.exit(1);
  },
);
