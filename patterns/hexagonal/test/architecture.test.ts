import { architectureOf, checkArchitecture } from '@journey/architecture';
import { describe, expect, it } from 'vitest';

/**
 * pattern: dependencies point inwards, and a test says so. These are the rules `journey check hexagonal`
 * prints; lab/architecture/test proves each of them fails on a tree that breaks it.
 */
const { rules } = await architectureOf('hexagonal');

describe('hexagonal dependency rules', () => {
  it(`when the source is checked (${rules.length} rules), then the core imports no adapter, framework or I/O and adapters meet only in bootstrap.ts`, async () => {
    const report = await checkArchitecture('hexagonal');
    expect(report.violations).toEqual([]);
    // An empty or misplaced tree would pass vacuously.
    expect(report.modulesChecked).toBeGreaterThan(20);
  });
});
