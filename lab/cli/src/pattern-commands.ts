import {
  loadPatternManifests,
  loadPatternModule,
  type RunState,
  readRunState,
} from '@journey/orchestrator/runtime';
import { formatRecorded, recordCheckRun } from '@journey/roadmap';
import type {
  CommandDeclaration,
  PatternCheckResult,
  PatternCommand,
  RunningInfrastructure,
  RunningPattern,
} from '@journey/topology';

/** A sub-command a pattern declares in its `pattern.ts`, with the pattern that declares it. */
export interface DeclaredCommand {
  pattern: string;
  declaration: CommandDeclaration;
}

/**
 * The sub-commands the runnable patterns declare. A name the lab already uses, or that two patterns
 * declare, is an error naming them: `journey <name>` has to mean one thing.
 */
export async function declaredCommands(labCommands: readonly string[]): Promise<DeclaredCommand[]> {
  const declared = (await loadPatternManifests()).flatMap((manifest) =>
    (manifest.commands ?? []).map((declaration) => ({ pattern: manifest.slug, declaration })),
  );
  for (const { pattern, declaration } of declared) {
    const { name } = declaration;
    if (labCommands.includes(name))
      throw new Error(`patterns/${pattern}/pattern.ts declares "${name}", a command of the lab itself`);
    const others = declared.filter((d) => d.declaration.name === name && d.pattern !== pattern);
    if (others.length > 0)
      throw new Error(
        `"${name}" is declared by both ${pattern} and ${others.map((d) => d.pattern).join(', ')}`,
      );
  }
  return declared;
}

/**
 * Runs a declared command with what it may ask of the lab: its pattern's running topology and what
 * that runs on, output, and recording the checks it makes.
 */
export async function runDeclaredCommand({ pattern, declaration }: DeclaredCommand, args: string[]) {
  const command = await loadPatternModule<PatternCommand>(pattern, declaration.module);
  return command(args, {
    pattern,
    running: () => runningPattern(pattern),
    infrastructure: () => runningInfrastructure(pattern),
    print: (line) => console.log(line),
    progress: (message) => console.error(`• ${message}`),
    record: (result) => recordPatternCheck(declaration.name, result),
  });
}

/** The run is recorded as `journey <name> <positionals…>`, which is how a roadmap checkpoint names it. */
function recordPatternCheck(name: string, result: PatternCheckResult): void {
  for (const line of formatRecorded(recordCheckRun({ command: name, ...result }))) console.log(line);
}

function runState(pattern: string): RunState {
  const state = readRunState(pattern);
  if (!state) throw new Error(`${pattern} is not running; start it with: journey up ${pattern}`);
  return state;
}

function runningPattern(pattern: string): RunningPattern {
  const state = runState(pattern);
  return {
    url: state.url,
    processes: state.processes.map(({ name, port }) => ({ name, url: `http://127.0.0.1:${port}` })),
    infrastructure: state.provisioned,
  };
}

/**
 * What the running topology's processes were handed, as the `journey up` that owns it published it.
 * Read as optional: a run-state file written before it carried the pieces has only their descriptions.
 */
function runningInfrastructure(pattern: string): RunningInfrastructure[] {
  // Optional here: a run-state file written by an older lab has no such field.
  const state: Partial<Pick<RunState, 'provisioned'>> = runState(pattern);
  if (!state.provisioned) {
    throw new Error(
      `the running ${pattern} does not say where its infrastructure is (its run state predates it); restart it with: journey down ${pattern} && journey up ${pattern}`,
    );
  }
  return state.provisioned;
}
