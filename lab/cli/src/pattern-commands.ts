import { loadPatternManifests, publishedCopy, runPatternCommand } from '@journey/orchestrator/runtime';
import type { CommandDeclaration } from '@journey/topology';

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

/** `journey <name> …`: the declared command, on the copy of its pattern that `journey up` runs. */
export const runDeclaredCommand = ({ pattern, declaration }: DeclaredCommand, args: string[]) =>
  runPatternCommand(
    {
      pattern,
      declaration,
      running: () => publishedCopy(pattern),
      print: (line) => console.log(line),
      progress: (message) => console.error(`• ${message}`),
    },
    args,
  );
