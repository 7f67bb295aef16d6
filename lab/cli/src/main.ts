import { loadPatternManifests, loadRunnableTopologies } from '@journey/orchestrator/runtime';
import { helpText } from './help.js';
import { labCommands as commands } from './lab-commands.js';
import { declaredCommands, runDeclaredCommand } from './pattern-commands.js';
import { UsageError } from './usage.js';

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    console.log(helpText(await loadPatternManifests(), await loadRunnableTopologies()));
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
