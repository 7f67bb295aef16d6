import { loadPatternManifests } from '@journey/orchestrator/runtime';
import { helpText } from './help.js';
import { declaredCommands, runDeclaredCommand } from './pattern-commands.js';
import { UsageError } from './usage.js';

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
  exercise: async () => (await import('./commands/exercise.js')).exercise,
  compare: async () => (await import('./commands/compare.js')).compare,
  dashboard: async () => (await import('./commands/dashboard.js')).dashboard,
  start: async () => (await import('./commands/start.js')).start,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    console.log(helpText(await loadPatternManifests()));
    return 0;
  }
  const load = commands[name];
  if (load) return (await load())(args);
  // Not a lab command: perhaps one a pattern declares (`journey events` of event-driven, say).
  const declared = await declaredCommands(Object.keys(commands));
  const command = declared.find((d) => d.declaration.name === name);
  if (!command) {
    const names = [...Object.keys(commands), ...declared.map((d) => d.declaration.name)];
    throw new UsageError(`journey: unknown command "${name}"`, names);
  }
  return runDeclaredCommand(command, args);
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
