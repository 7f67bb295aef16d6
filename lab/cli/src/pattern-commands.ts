import { loadPatternManifests, loadPatternModule, readRunState } from '@journey/orchestrator/runtime';
import type { CommandDeclaration, PatternCommand, RunningPattern } from '@journey/topology';

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

/** Runs a declared command with what it may ask of the lab: its pattern's running topology, output. */
export async function runDeclaredCommand({ pattern, declaration }: DeclaredCommand, args: string[]) {
  const command = await loadPatternModule<PatternCommand>(pattern, declaration.module);
  return command(args, {
    pattern,
    running: () => runningPattern(pattern),
    print: (line) => console.log(line),
    progress: (message) => console.error(`• ${message}`),
  });
}

function runningPattern(pattern: string): RunningPattern {
  const state = readRunState(pattern);
  if (!state) throw new Error(`${pattern} is not running; start it with: journey up ${pattern}`);
  return {
    url: state.url,
    processes: state.processes.map(({ name, port }) => ({ name, url: `http://127.0.0.1:${port}` })),
  };
}
