import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkArchitecture, checkPattern, type Violation } from '@journey/architecture';
import { describe, expect, it, vi } from 'vitest';
import rules from '../../architecture.rules.js';

/**
 * The lab's architecture test runs the rules of patterns whose pattern.ts declares them; serverless has
 * no pattern.ts yet (it is not runnable), so this test hands the lab the manifest it will declare and
 * runs the very same check on the same fixtures (lab/architecture/test/fixtures/serverless/<rule>/),
 * which the lab's test picks up by itself once pattern.ts exists.
 */
vi.mock('@journey/topology', async (original) => {
  const real = await original<typeof import('@journey/topology')>();
  const isServerless = (folder: string) => folder.endsWith('/patterns/serverless');
  return {
    ...real,
    hasPatternManifest: (folder: string) => isServerless(folder) || real.hasPatternManifest(folder),
    loadPatternManifestIn: async (folder: string) =>
      isServerless(folder)
        ? {
            slug: 'serverless',
            rules: './architecture.rules.ts',
            sources: ['functions', 'core', 'platforms'],
          }
        : real.loadPatternManifestIn(folder),
  };
});

const fixtures = fileURLToPath(
  new URL('../../../../lab/architecture/test/fixtures/serverless/', import.meta.url),
);

describe('the serverless dependency rules', () => {
  it('when the fixtures are listed, then every rule has one and every fixture belongs to a rule', () => {
    const names = rules.rules.map((rule) => rule.name);
    expect(new Set(names).size).toBe(names.length);
    expect(readdirSync(fixtures).sort()).toEqual([...names].sort());
  });

  for (const rule of rules.rules) {
    it(`when a tree breaks ${rule.name}, then exactly that rule reports it`, async () => {
      const fixture = join(fixtures, rule.name);
      const expected = JSON.parse(readFileSync(join(fixture, 'expected.json'), 'utf8')) as Violation[];
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.map((v) => v.rule)).toEqual(expected.map(() => rule.name));
      expect(await checkPattern('serverless', fixture)).toEqual(expected);
    });
  }

  it('when the real functions, core and platforms are checked, then no import breaks a rule', async () => {
    const report = await checkArchitecture('serverless');
    expect(report.violations).toEqual([]);
    // Every file was read, so a silent parse failure cannot pass as "no violation".
    expect(report.modulesChecked).toBeGreaterThan(40);
  });
});
