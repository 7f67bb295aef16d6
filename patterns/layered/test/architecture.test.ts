import { architectureOf, checkArchitecture } from '@journey/architecture';
import { describe, expect, it } from 'vitest';

/**
 * pattern: the layering is enforced, not just drawn. These are the rules `journey check layered` prints;
 * lab/architecture/test proves each of them fails on a tree that breaks it.
 */
const { rules } = await architectureOf('layered');

describe('layered dependency rules', () => {
  it(`when the source is checked (${rules.length} rules), then every import points down and stays in its layer`, async () => {
    const report = await checkArchitecture('layered');
    expect(report.violations).toEqual([]);
    // An empty or misplaced tree would pass vacuously.
    expect(report.modulesChecked).toBeGreaterThan(20);
  });
});
