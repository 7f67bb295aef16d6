import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importedNames } from '../src/imported-names.js';

/** The names a rule with `forbiddenNames` sees: every way TypeScript has to take something from a module. */
const namesIn = (code: string, specifier = 'pkg') => {
  const file = join(mkdtempSync(join(tmpdir(), 'journey-names-')), 'file.ts');
  writeFileSync(file, code);
  return importedNames(file, specifier).sort();
};

describe('importedNames', () => {
  it('when names are imported, renamed or imported as types, then each original name counts once', () => {
    const code = [
      "import def, { a, b as c } from 'pkg';",
      "import type { T } from 'pkg';",
      "import { a as again } from 'pkg';",
      "import { other } from 'elsewhere';",
    ].join('\n');
    expect(namesIn(code)).toEqual(['T', 'a', 'b', 'default']);
  });

  it('when names are re-exported, then they count as imported', () => {
    expect(namesIn("export { x, y as z } from 'pkg';\nexport type { U } from 'pkg';")).toEqual([
      'U',
      'x',
      'y',
    ]);
  });

  it('when the whole module is taken, then the answer is *', () => {
    for (const code of [
      "import * as all from 'pkg';",
      "export * from 'pkg';",
      "export * as all from 'pkg';",
      "const late = await import('pkg');",
      "import all = require('pkg');",
    ]) {
      expect(namesIn(code), code).toEqual(['*']);
    }
  });

  it('when a type is named through import(), then its first name counts', () => {
    expect(namesIn("let relay: import('pkg').OutboxRelay.Options;")).toEqual(['OutboxRelay']);
  });

  it('when the module is imported only for its effects or not at all, then no name counts', () => {
    expect(namesIn("import 'pkg';\nimport { a } from 'pkg-two';")).toEqual([]);
  });
});
