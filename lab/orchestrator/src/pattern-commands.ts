import { formatRecorded, recordCheckRun } from '@journey/roadmap';
import {
  type CommandDeclaration,
  loadDeclaredModule,
  type PatternCommand,
  type RunningInfrastructure,
  type RunningPattern,
} from '@journey/topology';
import { patternFolder } from './patterns.js';
import { readRunState, runningPatternOf } from './run-state.js';

/** One run of a command a pattern declares in its `pattern.ts`, and the copy of the pattern it acts on. */
export interface PatternCommandRun {
  /** The slug of the pattern that declares it. */
  pattern: string;
  declaration: CommandDeclaration;
  /** Where the pattern's `pattern.ts` is: `patterns/<pattern>` unless told (a test's fixture). */
  folder?: string;
  /** The copy it acts on; throws, saying how to start one, when none runs. */
  running(): RunningPattern;
  print(line: string): void;
  progress(message: string): void;
}

/**
 * Runs a declared command in this process with what it may ask of the lab: the copy it acts on and
 * what that runs on, output, and recording the checks it makes. `journey <name> …` runs it so on the
 * copy `journey up` publishes, and a `command` fault on the copy an experiment breaks.
 */
export async function runPatternCommand(run: PatternCommandRun, args: string[]): Promise<number> {
  const { pattern, declaration } = run;
  const command = await loadDeclaredModule<PatternCommand>(
    run.folder ?? patternFolder(pattern),
    declaration.module,
  );
  return command(args, {
    pattern,
    running: run.running,
    infrastructure: () => infrastructureOf(pattern, run.running()),
    print: run.print,
    progress: run.progress,
    // Recorded as `journey <name> <positionals…>`, which is how a roadmap checkpoint names it.
    record: (result) => {
      for (const line of formatRecorded(recordCheckRun({ command: declaration.name, ...result })))
        run.print(line);
    },
  });
}

/** The copy of the pattern `journey up` runs, as its run-state file describes it. */
export function publishedCopy(pattern: string): RunningPattern {
  const state = readRunState(pattern);
  if (!state) throw new Error(`${pattern} is not running; start it with: journey up ${pattern}`);
  return runningPatternOf(state);
}

function infrastructureOf(pattern: string, copy: RunningPattern): RunningInfrastructure[] {
  if (!copy.infrastructure) {
    throw new Error(
      `the running ${pattern} does not say where its infrastructure is (its run state predates it); restart it with: journey down ${pattern} && journey up ${pattern}`,
    );
  }
  return copy.infrastructure;
}
