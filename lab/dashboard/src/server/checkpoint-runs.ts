import { EventEmitter } from 'node:events';
import type { CliPort, CommandExit } from './cli-runs.js';
import { LabConflict } from './lab-port.js';

export interface CheckpointCommandRun {
  /** As the roadmap file writes it: `journey check monolith`. */
  line: string;
  state: 'waiting' | 'running' | 'finished';
  /** `exit 0`, `exit 1`, `signal SIGTERM`; null until it has ended. */
  exit: string | null;
}

export interface CheckpointRun {
  stage: string;
  checkpoint: string;
  state: 'running' | 'finished';
  startedAt: string;
  /** The checkpoint's `earnedBy` commands, run one after another in the order the roadmap lists them. */
  commands: CheckpointCommandRun[];
  /** The latest lines the commands printed (the first ones drop off a long run), for a page opened late. */
  output: string[];
  /** Whether every command exited 0; null while running. */
  succeeded: boolean | null;
}

export type CheckpointRunEvent =
  | { kind: 'checkpoint-run'; run: CheckpointRun }
  | { kind: 'checkpoint-output'; stage: string; checkpoint: string; line: string };

/** Enough for the end of a test run's output; the terminal is the place for all of it. */
const KEPT_LINES = 400;

/** `journey test monolith --db sqlite` → the CLI's arguments. */
export function commandArgs(line: string): string[] {
  const words = line.trim().split(/\s+/);
  if (words[0] !== 'journey' || words.length < 2)
    throw new Error(`a checkpoint command starts with "journey ": got ${JSON.stringify(line)}`);
  return words.slice(1);
}

const describeExit = (exit: CommandExit) =>
  exit.signal ? `signal ${exit.signal}` : `exit ${exit.code ?? 'unknown'}`;

/**
 * A checkpoint's commands run from the dashboard through the real CLI, which records each run itself
 * (so the page's result is the one `journey roadmap` shows). One checkpoint run at a time across the
 * lab: two would share the machine's cores and ports with each other's fresh copies.
 */
export function createCheckpointRuns(cli: CliPort) {
  const events = new EventEmitter().setMaxListeners(0);
  const latest = new Map<string, CheckpointRun>();
  let current: CheckpointRun | undefined;
  const key = (stage: string, checkpoint: string) => `${stage}/${checkpoint}`;
  const publish = (run: CheckpointRun) =>
    events.emit('event', { kind: 'checkpoint-run', run: snapshot(run) } satisfies CheckpointRunEvent);

  // Every command runs even after one failed: each is recorded on its own, and the learner sees them all.
  const execute = async (run: CheckpointRun) => {
    let succeeded = true;
    for (const command of run.commands) {
      command.state = 'running';
      publish(run);
      const exit = await cli.run(commandArgs(command.line), (line) => {
        run.output.push(line);
        if (run.output.length > KEPT_LINES) run.output.shift();
        events.emit('event', {
          kind: 'checkpoint-output',
          stage: run.stage,
          checkpoint: run.checkpoint,
          line,
        } satisfies CheckpointRunEvent);
      });
      command.state = 'finished';
      command.exit = describeExit(exit);
      if (exit.code !== 0) succeeded = false;
    }
    return succeeded;
  };

  return {
    latest: (stage: string, checkpoint: string) => {
      const run = latest.get(key(stage, checkpoint));
      return run ? snapshot(run) : null;
    },

    /** Starts the commands and returns at once; progress arrives as events and through latest(). */
    start(stage: string, checkpoint: string, lines: readonly string[]): CheckpointRun {
      if (current)
        throw new LabConflict(
          `the checkpoint ${current.stage} › ${current.checkpoint} is running; one checkpoint run at a time`,
        );
      if (lines.length === 0)
        throw new LabConflict(`${stage} › ${checkpoint} names no command that earns it`, 404);
      for (const line of lines) commandArgs(line);
      const run: CheckpointRun = {
        stage,
        checkpoint,
        state: 'running',
        startedAt: new Date().toISOString(),
        commands: lines.map((line) => ({ line, state: 'waiting', exit: null })),
        output: [],
        succeeded: null,
      };
      current = run;
      latest.set(key(stage, checkpoint), run);
      publish(run);
      void execute(run)
        .then(
          (succeeded) => {
            run.succeeded = succeeded;
          },
          (error: unknown) => {
            run.output.push(`the dashboard could not run the command: ${(error as Error).message}`);
            run.succeeded = false;
          },
        )
        .finally(() => {
          run.state = 'finished';
          current = undefined;
          publish(run);
        });
      return snapshot(run);
    },

    subscribe(listener: (event: CheckpointRunEvent) => void) {
      events.on('event', listener);
      return () => events.off('event', listener);
    },
  };
}

export type CheckpointRuns = ReturnType<typeof createCheckpointRuns>;

const snapshot = (run: CheckpointRun): CheckpointRun => ({
  ...run,
  commands: run.commands.map((c) => ({ ...c })),
  output: [...run.output],
});
