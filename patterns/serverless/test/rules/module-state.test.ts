import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALLOWED_MODULE_STATE, findModuleState } from '../../lab/module-state.js';

const pattern = fileURLToPath(new URL('../../', import.meta.url));
const fixture = fileURLToPath(new URL('./fixtures/module-state/', import.meta.url));

describe('module-level state in functions and core', () => {
  it('when the real functions and core are read, then the database pool and the broker connection are their only top-level state', () => {
    expect(findModuleState(pattern, ['functions', 'core'])).toEqual([]);
  });

  it('when the allow-list is set aside, then each of its entries is really found (none is stale)', () => {
    const found = findModuleState(pattern, ['functions', 'core'], []);
    expect(found.map(({ file, name }) => ({ file, name }))).toEqual(
      ALLOWED_MODULE_STATE.map(({ file, name }) => ({ file, name })),
    );
  });

  it('when a tree keeps each kind of state, then each is reported with its file, line and why', () => {
    const found = findModuleState(fixture, ['functions', 'core'], []);
    expect(found.map(({ file, line, name, kind }) => `${file}:${line} ${name} ${kind}`)).toEqual([
      'core/counters.ts:2 invocations mutable-binding',
      'core/counters.ts:3 lastPath mutable-binding',
      'functions/articles/cache.ts:2 bodiesBySlug mutated-collection',
      'functions/tags/seen.ts:2 seenTags exported-collection',
      'functions/users/revocations.ts:2 revoked mutated-literal',
      'functions/users/revocations.ts:3 totals mutated-literal',
    ]);
    // The reason names where the state changes, so the learner can find the write, not only the declaration.
    expect(found[0]?.why).toContain('top-level `let invocations`');
    expect(found[1]?.why).toContain('top-level `var lastPath`');
    expect(found[2]?.why).toContain('`new Map` changed at line 5');
    expect(found[3]?.why).toContain('exported top-level `new Set`');
    expect(found[4]?.why).toContain('top-level array changed at line 6');
    expect(found[5]?.why).toContain('top-level object changed at line 7');
  });

  it('when a file holds constant lookups, read-only sets and function-local state, then nothing is reported', () => {
    expect(findModuleState(fixture, ['functions/feed'], [])).toEqual([]);
  });

  it('when the allow-list names a fixture binding, then only that one is set aside', () => {
    const allowed = [{ file: 'core/counters.ts', name: 'invocations', reason: 'a test of the allow-list' }];
    const names = findModuleState(fixture, ['core'], allowed).map((finding) => finding.name);
    expect(names).toEqual(['lastPath']);
  });
});
