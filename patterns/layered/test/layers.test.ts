import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The layering rules, checked on the real source tree. A stand-in until the repository-wide
 * dependency-cruiser rules and `journey check` arrive (issue 3); each rule below is also run on a
 * fixture that breaks it, because a rule that cannot fail is not a rule.
 */
type Layer = 'http' | 'application' | 'domain' | 'persistence' | 'root';

const mayImport: Record<Layer, Layer[]> = {
  // The composition root (app.ts, main.ts, config.ts) wires the layers; it is no layer itself.
  root: ['root', 'http', 'application'],
  http: ['http', 'application'],
  application: ['application', 'domain', 'persistence'],
  // Repositories hand back domain entities, so persistence knows their types.
  persistence: ['persistence', 'domain'],
  domain: ['domain'],
};

/** Packages a layer must never import, whatever the folder rules say: the layer's technology stays in it. */
const forbiddenPackages: Record<Layer, RegExp[]> = {
  root: [/^kysely$/, /^pg$/, /^better-sqlite3$/],
  http: [/^kysely$/, /^pg$/, /^better-sqlite3$/, /^jose$/],
  application: [/^fastify$/, /^@fastify\//, /^kysely$/, /^pg$/, /^better-sqlite3$/],
  persistence: [/^fastify$/, /^@fastify\//, /^jose$/],
  // The domain is plain TypeScript and the shared pure spec rules, nothing else.
  domain: [/^(?!@journey\/conduit-rules$)/],
};

const layerOf = (file: string): Layer => {
  const top = file.split('/')[0];
  return top === 'http' || top === 'application' || top === 'domain' || top === 'persistence' ? top : 'root';
};

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Violations in a set of files, given as paths relative to `src/` and their text. */
export function violations(files: Record<string, string>): string[] {
  const found: string[] = [];
  for (const [file, text] of Object.entries(files)) {
    const from = layerOf(file);
    for (const match of text.matchAll(IMPORT)) {
      const specifier = (match[1] ?? match[2])!;
      if (specifier.startsWith('.')) {
        const target = posix.normalize(posix.join(posix.dirname(file), specifier));
        if (target.startsWith('..')) {
          found.push(`${file} imports ${specifier}, outside src/`);
          continue;
        }
        const to = layerOf(target);
        if (!mayImport[from].includes(to)) found.push(`${file} (${from}) imports ${specifier} (${to})`);
      } else if (forbiddenPackages[from].some((rule) => rule.test(specifier))) {
        found.push(`${file} (${from}) imports the package ${specifier}`);
      }
    }
  }
  return found;
}

function sourceTree(): Record<string, string> {
  const src = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts'))
        files[relative(src, path).split('\\').join('/')] = readFileSync(path, 'utf8');
    }
  };
  walk(src);
  return files;
}

describe('layering', () => {
  it('when the real source is checked, then every import points down and no layer uses another layer’s technology', () => {
    const files = sourceTree();
    expect(Object.keys(files).length).toBeGreaterThan(25);
    expect(violations(files)).toEqual([]);
  });

  const broken: [string, Record<string, string>][] = [
    [
      'a route queries the database (skips two layers)',
      { 'http/x.routes.ts': "import { x } from '../persistence/data-access.js';" },
    ],
    [
      'a route uses a domain rule directly',
      { 'http/x.routes.ts': "import type { Article } from '../domain/article.js';" },
    ],
    ['a route imports Kysely', { 'http/x.routes.ts': "import { sql } from 'kysely';" }],
    [
      'the domain reaches down into persistence',
      { 'domain/x.ts': "import { y } from '../persistence/schema.js';" },
    ],
    ['the domain imports a framework', { 'domain/x.ts': "import Fastify from 'fastify';" }],
    ['the domain does I/O itself', { 'domain/x.ts': "import { readFile } from 'node:fs/promises';" }],
    [
      'a service imports http (upwards)',
      { 'application/x.ts': "import { presentUser } from '../http/presenters.js';" },
    ],
    ['a service writes SQL', { 'application/x.service.ts': "import { sql } from 'kysely';" }],
    [
      'persistence calls a service (upwards)',
      { 'persistence/x.ts': "export { y } from '../application/index.js';" },
    ],
    [
      'a lazy import skips a layer',
      { 'http/x.ts': "const m = await import('../persistence/data-access.js');" },
    ],
    [
      'the composition root bypasses the application',
      { 'app.ts': "import { openDataAccess } from './persistence/data-access.js';" },
    ],
  ];
  for (const [name, files] of broken) {
    it(`when ${name}, then the check reports it`, () => {
      expect(violations(files)).toHaveLength(1);
    });
  }
});
