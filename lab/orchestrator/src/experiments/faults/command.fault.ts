import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { type CommandDeclaration, type FaultSpec, loadPatternManifestIn } from '@journey/topology';
import { runPatternCommand } from '../../pattern-commands.js';
import { patternFolder } from '../../patterns.js';
import { repoRoot } from '../../repo-root.js';
import type { Fault, FaultControl, FaultSetting } from './fault.js';

/**
 * An argument that names a file of the repository (`patterns/<slug>/policies/….yaml`) handed as its
 * absolute path, since the lab running the experiment (a dashboard, a test) may run in any directory.
 */
const fromRepoRoot = (arg: string) =>
  !isAbsolute(arg) && !arg.startsWith('-') && existsSync(join(repoRoot, arg)) ? join(repoRoot, arg) : arg;

/**
 * A fault only the pattern's own tooling makes (a mesh's injected aborts and delays): its command
 * `journey <inject…>` is run in-process on the copy being broken, as the CLI runs it, and
 * `journey <lift…>` lifts it. A command that exits non-zero fails the experiment with its output.
 */
export async function commandFault(
  { inject, lift }: Extract<FaultSpec, { kind: 'command' }>,
  { topology, patternFolder: folder = patternFolder(topology.id) }: FaultSetting,
): Promise<Fault> {
  const manifest = await loadPatternManifestIn(folder);
  const declarationOf = ([name]: string[]): CommandDeclaration => {
    const found = manifest.commands?.find((declared) => declared.name === name);
    if (!found) {
      const declared = (manifest.commands ?? []).map((c) => c.name).join(', ') || 'none';
      throw new Error(
        `${topology.id} declares no command "${name}" for its fault (it declares: ${declared})`,
      );
    }
    return found;
  };
  const commands = { inject: declarationOf(inject), lift: declarationOf(lift) };
  const printed: string[] = [];

  const run = async (argv: string[], declaration: CommandDeclaration, control: FaultControl) => {
    const line = `journey ${argv.join(' ')}`;
    const output: string[] = [];
    const code = await runPatternCommand(
      {
        pattern: topology.id,
        declaration,
        folder,
        running: () => control.running(),
        print: (text) => {
          output.push(text);
          printed.push(`${line}: ${text}`);
        },
        progress: (message) => output.push(`• ${message}`),
      },
      argv.slice(1).map(fromRepoRoot),
    );
    if (code !== 0) throw new Error(`${line} exited with code ${code}:\n${output.join('\n')}`);
  };

  return {
    injecting: `running journey ${inject.join(' ')}`,
    lifting: `running journey ${lift.join(' ')}`,
    during: `after journey ${inject.join(' ')}`,
    afterwards: `after journey ${lift.join(' ')}`,
    probeUrl: async (publicUrl) => publicUrl,
    inject: (control) => run(inject, commands.inject, control),
    lift: (control) => run(lift, commands.lift, control),
    findings: () => [...printed],
    problems: () => [],
    close: async () => {},
  };
}
