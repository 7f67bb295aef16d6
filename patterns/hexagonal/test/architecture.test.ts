import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hexagonalViolations, readSources } from './support/import-rules.js';

// A stand-in until the dependency-cruiser rules of issue 3 land; same rule, checked on every `npm test`.
describe('hexagonal dependency rule', () => {
  it('when the core is scanned, then it imports no adapter, framework, driver or node:* module', () => {
    const sources = readSources(fileURLToPath(new URL('../src', import.meta.url)));
    expect(sources.filter((s) => s.path.startsWith('application/use-cases/')).length).toBeGreaterThan(15);
    expect(hexagonalViolations(sources)).toEqual([]);
  });

  it('when a use case imports Kysely, node:fs or an adapter, then each is reported (the rule can fail)', () => {
    const violations = hexagonalViolations([
      {
        path: 'application/use-cases/sneaky.use-case.ts',
        text: [
          "import type { Kysely } from 'kysely';",
          "import { readFileSync } from 'node:fs';",
          "import { sqliteStorage } from '../../adapters/sqlite/sqlite-storage.js';",
          "import { bootstrap } from '../../bootstrap.js';",
          "import { slugify } from '@journey/conduit-rules';",
          "import { checkDraft } from '../../domain/article.js';",
        ].join('\n'),
      },
      {
        path: 'domain/leaky.ts',
        text: "export type { Conduit } from '../application/ports/driving/use-cases.port.js';",
      },
      { path: 'adapters/http/fine.ts', text: "import Fastify from 'fastify';" },
    ]);
    expect(violations.map((v) => `${v.file} → ${v.imports}`)).toEqual([
      'application/use-cases/sneaky.use-case.ts → kysely',
      'application/use-cases/sneaky.use-case.ts → node:fs',
      'application/use-cases/sneaky.use-case.ts → ../../adapters/sqlite/sqlite-storage.js',
      'application/use-cases/sneaky.use-case.ts → ../../bootstrap.js',
      'domain/leaky.ts → ../application/ports/driving/use-cases.port.js',
    ]);
  });
});
