import { join } from 'node:path';
import { loadPatternManifest, runPatternCommand } from '@journey/orchestrator/runtime';

/** The cluster meshes whose resources the mesh's own command generates (`journey mesh manifests --target`). */
const MESH_TARGETS = ['istio', 'linkerd', 'consul'];

/**
 * The mesh's traffic, security and identity resources come from the pattern itself: its declared
 * `journey mesh manifests` command, run here as the CLI runs it, on the default policy (the lab does
 * not import a pattern's code). Answers the files it wrote.
 */
export async function writeMeshManifests(slug: string, folder: string): Promise<string[]> {
  const manifest = await loadPatternManifest(slug);
  const declaration = manifest.commands?.find((command) => command.name === 'mesh');
  if (declaration === undefined)
    throw new Error(`pattern "${slug}" declares no mesh command to generate its manifests`);
  const files: string[] = [];
  for (const target of MESH_TARGETS) {
    const out = join(folder, target);
    const code = await runPatternCommand(
      {
        pattern: slug,
        declaration,
        // No running copy: the command translates the default policy file then.
        running: () => {
          throw new Error(`${slug} is not running`);
        },
        print: (line) => {
          const file = /^(\S+\.yaml):/.exec(line)?.[1];
          if (file) files.push(file);
        },
        progress: () => {},
      },
      ['manifests', '--target', target, '--out', out],
    );
    if (code !== 0) throw new Error(`journey mesh manifests --target ${target} exited with ${code}`);
  }
  return files;
}
