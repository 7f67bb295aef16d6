import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

/**
 * A pattern that deploys functions, not processes, keeps its own deploy tooling in `deploy/<platform>/`
 * (a functions manifest, a deploy script, a platform's settings), generated and tested there. This
 * points at it, one file per function, instead of copying it; compose and Kubernetes still carry the
 * lab's local function runtime, a process like any other.
 */
export interface FunctionDeploys {
  /** Relative to `<out>/functions/`. */
  files: Record<string, string>;
  functions: string[];
}

interface FunctionsManifest {
  functions?: Record<string, { handler?: string }>;
}

/** The pattern's deploy files by platform folder, and the functions a YAML manifest among them declares. */
export function functionDeploys(patternFolder: string, slug: string): FunctionDeploys | undefined {
  const deploy = join(patternFolder, 'deploy');
  if (!existsSync(deploy)) return undefined;
  const platforms = readdirSync(deploy, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => ({ platform: entry.name, files: readdirSync(join(deploy, entry.name)).sort() }));
  const manifests = platforms.flatMap(({ platform, files }) =>
    files
      .filter((file) => /\.ya?ml$/.test(file))
      .map((file) => ({
        path: `${platform}/${file}`,
        declared: parse(readFileSync(join(deploy, platform, file), 'utf8')) as FunctionsManifest,
      }))
      .filter(({ declared }) => declared?.functions !== undefined),
  );
  const functions = [...new Set(manifests.flatMap(({ declared }) => Object.keys(declared.functions ?? {})))];
  if (functions.length === 0) return undefined;
  const where = (path: string) => `patterns/${slug}/deploy/${path}`;
  const deployedBy = Object.fromEntries(
    platforms.map(({ platform, files }) => [platform, files.map((file) => where(`${platform}/${file}`))]),
  );
  const files: Record<string, string> = {};
  for (const name of functions) {
    const declaredIn = manifests.filter(({ declared }) => declared.functions?.[name] !== undefined);
    files[`${name}.yaml`] = stringify({
      function: name,
      declaredIn: declaredIn.map(({ path, declared }) => ({
        file: where(path),
        handler: declared.functions?.[name]?.handler,
      })),
      deployedBy,
    });
  }
  files['README.md'] = `# ${slug}: where the functions are deployed from

The ${functions.length} functions (${functions.join(', ')}) are deployed by the pattern's own tooling in
\`patterns/${slug}/deploy/\`, not by \`journey deploy\`, which would only copy it:

${platforms.map(({ platform, files }) => `- **${platform}**: ${files.map((file) => `\`${file}\``).join(', ')}`).join('\n')}

Each platform folder's README or generator says how to run it. \`<function>.yaml\` here says which
manifest declares each function. The compose file and the Kubernetes manifests beside this folder run
the lab's local function runtime (one process hosting every function, as \`journey up ${slug}\` does),
for a machine or a cluster without a functions platform.
`;
  return { files, functions };
}
