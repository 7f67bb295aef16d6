import { UsageError } from './usage.js';

const HELP = `journey — run, measure and break the eight backend architecture patterns

  journey roadmap [done|undo <stage>]      the stages, their difficulty and your progress
  journey up <pattern> [--db sqlite|postgres] [--port N] [--workers N]
                                           start a pattern, print its URL, stream its logs (Ctrl-C stops)
  journey test <pattern> [--db sqlite|postgres]
                                           conformance + official Postman suite on a fresh copy
  journey seed <pattern> [--users N] [--articles M] [--db …]
                                           realistic demo data through the API
  journey bench <pattern…> [--duration S] [--connections N]
                                           load test, side by side with baselines measured in the same run
  journey check <pattern>                  the pattern's dependency rules, violations in plain words
  journey start                            the monolith with demo data (what npm start runs)`;

type Command = (args: string[]) => Promise<number>;

// Loaded on demand: `journey roadmap` should not pay for newman or autocannon.
const commands: Record<string, () => Promise<Command>> = {
  roadmap: async () => (await import('./commands/roadmap.js')).roadmap,
  up: async () => (await import('./commands/up.js')).up,
  test: async () => (await import('./commands/test.js')).test,
  seed: async () => (await import('./commands/seed.js')).seed,
  bench: async () => (await import('./commands/bench.js')).bench,
  check: async () => (await import('./commands/check.js')).check,
  start: async () => (await import('./commands/start.js')).start,
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
