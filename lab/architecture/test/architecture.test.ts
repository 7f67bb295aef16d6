import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  architectureOf,
  checkArchitecture,
  checkPattern,
  PatternNotBuilt,
  patternFolder,
  patternsWithRules,
  type Violation,
} from '../src/index.js';

/**
 * A rule that cannot fail is not a rule: each one runs on a small tree under
 * `fixtures/<pattern>/<rule>/` that breaks it and nothing else, and must report exactly the
 * violations listed in that fixture's `expected.json`. The same rules then run on the real patterns.
 */
const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

// Every pattern whose pattern.ts declares rules, loaded before the suites are declared.
const declared = await Promise.all(
  (await patternsWithRules()).map(async (pattern) => ({ pattern, ...(await architectureOf(pattern)) })),
);

it('when the pattern manifests are read, then the built patterns declare their rules', () => {
  expect(declared.length).toBeGreaterThan(0);
});

describe.each(declared)('$pattern dependency rules', ({ pattern, rules, sources }) => {
  it('when the fixtures are listed, then every rule has one and every fixture belongs to a rule', () => {
    const names = rules.map((rule) => rule.name);
    expect(new Set(names).size).toBe(names.length);
    expect(readdirSync(join(fixtures, pattern)).sort()).toEqual([...names].sort());
  });

  for (const rule of rules) {
    it(`when a tree breaks ${rule.name}, then exactly that rule reports it`, async () => {
      const fixture = join(fixtures, pattern, rule.name);
      const expected = JSON.parse(readFileSync(join(fixture, 'expected.json'), 'utf8')) as Violation[];
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.map((v) => v.rule)).toEqual(expected.map(() => rule.name));
      expect(await checkPattern(pattern, fixture)).toEqual(expected);
    });
  }

  // No skip: a pattern not built yet must be reported as such, never pass as "no violations".
  if (existsSync(join(patternFolder(pattern), sources[0]!))) {
    it(`when the real ${pattern} is checked, then no import breaks a rule`, async () => {
      const report = await checkArchitecture(pattern);
      expect(report.violations).toEqual([]);
      expect(report.modulesChecked).toBeGreaterThan(20);
    });
  } else {
    it(`when ${pattern} is not built yet, then the check says so instead of passing`, async () => {
      await expect(checkPattern(pattern)).rejects.toBeInstanceOf(PatternNotBuilt);
    });
  }
});

describe('checking a folder without source', () => {
  it('when src/ does not exist, then the check reports that plainly and finds nothing to pass', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'journey-architecture-'));
    await expect(checkPattern('layered', empty)).rejects.toThrow(
      `${empty}/src does not exist yet: the layered pattern is not built, so there is nothing to check`,
    );
  });

  it('when a pattern declares no rules, then the error names the patterns that do', async () => {
    // No pattern folder will ever have this name, whichever stages are built by then.
    await expect(checkPattern('no-such-pattern')).rejects.toThrow(
      `no dependency rules for "no-such-pattern"; rules exist for: ${declared.map((d) => d.pattern).join(', ')}`,
    );
  });
});
