import { fileURLToPath } from 'node:url';
import { checkArchitecture } from '@journey/architecture';
import { describe, expect, it } from 'vitest';

/**
 * lab/architecture/test/fixtures/soa/ holds a tree that breaks each rule (the lab's architecture test
 * runs them all). This is the other half: the imports the design sanctions, in a tree laid out like the
 * pattern, break none, so the rules cannot pass their fixtures merely by forbidding too much.
 */
const sanctioned = fileURLToPath(new URL('./fixtures/sanctioned-design/', import.meta.url));

describe('the soa dependency rules', () => {
  it('when services, bus, registry and libs import only what the design shares, then no rule reports anything', async () => {
    const report = await checkArchitecture('soa', sanctioned);
    expect(report.violations).toEqual([]);
    // Every file of the tree was read, so a silent parse failure cannot pass as "no violation".
    expect(report.modulesChecked).toBe(5);
  });
});
