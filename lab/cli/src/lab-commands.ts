/** A `journey <name>` command: its arguments in, its exit code out. */
export type Command = (args: string[]) => Promise<number>;

/**
 * The lab's own commands, by name. Apart from main.ts, which runs the CLI when imported, so a test can
 * ask which commands exist (a checkpoint's `earnedBy` must name one). Loaded on demand: `journey roadmap`
 * should not pay for newman or autocannon.
 */
export const labCommands: Record<string, () => Promise<Command>> = {
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
  chaos: async () => (await import('./commands/chaos.js')).chaos,
  exercise: async () => (await import('./commands/exercise.js')).exercise,
  compare: async () => (await import('./commands/compare.js')).compare,
  deploy: async () => (await import('./commands/deploy.js')).deploy,
  cards: async () => (await import('./commands/cards.js')).cards,
  dashboard: async () => (await import('./commands/dashboard.js')).dashboard,
  start: async () => (await import('./commands/start.js')).start,
};
