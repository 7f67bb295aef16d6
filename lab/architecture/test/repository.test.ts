import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Violation } from '../src/check.js';
import { checkRepository } from '../src/check-repository.js';
import { REPOSITORY_RULES } from '../src/repository.rules.js';

/**
 * Each repository rule runs on a small tree under `fixtures/repository/<rule>/`, laid out like the
 * repository (`lab/`, `packages/`, `patterns/`), that breaks it once beside imports the rules allow, and
 * must report exactly what that fixture's `expected.json` lists. The same rules then run on the real tree.
 */
const fixtures = fileURLToPath(new URL('./fixtures/repository/', import.meta.url));

describe('repository dependency rules', () => {
  it('when the fixtures are listed, then every rule has one and every fixture belongs to a rule', () => {
    const names = REPOSITORY_RULES.map((rule) => rule.name);
    expect(new Set(names).size).toBe(names.length);
    expect(readdirSync(fixtures).sort()).toEqual([...names].sort());
  });

  for (const rule of REPOSITORY_RULES) {
    it(`when a tree breaks ${rule.name}, then exactly that rule reports it`, async () => {
      const fixture = join(fixtures, rule.name);
      const expected = JSON.parse(readFileSync(join(fixture, 'expected.json'), 'utf8')) as Violation[];
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.map((v) => v.rule)).toEqual(expected.map(() => rule.name));
      expect((await checkRepository(fixture)).violations).toEqual(expected);
    });
  }

  it('when the lab imports a workspace package that lives under patterns/, then it counts as pattern code', async () => {
    const root = mkdtempSync(join(tmpdir(), 'journey-repository-'));
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    write('lab/runner/src/admin.ts', "export { catalogue } from '@journey/alpha-events';\n");
    write('patterns/alpha/libs/events/src/index.ts', "export const catalogue = ['article-published'];\n");
    write(
      'patterns/alpha/libs/events/package.json',
      JSON.stringify({ name: '@journey/alpha-events', type: 'module', exports: { '.': './src/index.ts' } }),
    );
    // What `npm install` makes of a workspace: a symlink in node_modules to the package's folder.
    mkdirSync(join(root, 'node_modules/@journey'), { recursive: true });
    symlinkSync(join(root, 'patterns/alpha/libs/events'), join(root, 'node_modules/@journey/alpha-events'));

    const { violations } = await checkRepository(root);
    expect(violations.map(({ rule, from, to }) => ({ rule, from, to }))).toEqual([
      {
        rule: 'lab-imports-no-pattern',
        from: 'lab/runner/src/admin.ts',
        to: 'patterns/alpha/libs/events/src/index.ts',
      },
    ]);
  });

  it('when the real repository is checked, then no import crosses lab, packages and patterns the wrong way', async () => {
    const report = await checkRepository();
    expect(report.violations).toEqual([]);
    expect(report.modulesChecked).toBeGreaterThan(300);
  });
});
