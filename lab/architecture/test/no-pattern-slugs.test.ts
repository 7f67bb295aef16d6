import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STAGE_SLUGS } from '@journey/roadmap';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../src/pattern-rules.js';
import { SLUG_DATA } from '../src/slug-data.js';
import { findSlugMentions, slugMentionsIn } from '../src/slug-mentions.js';

/**
 * The lab and the packages know no pattern by name (issue 11): they iterate over what patterns declare.
 * The check runs on a small tree first, to show it can fail, then on the real `lab/` and `packages/`.
 */
const fixture = fileURLToPath(new URL('./fixtures/pattern-slugs/', import.meta.url));

describe('pattern slugs in generic code', () => {
  it('when generic code names a slug in a literal or an identifier, then each mention is reported', () => {
    const data = { 'packages/kit/src/seed.ts': 'article tags' };
    const mentions = findSlugMentions(fixture, ['lab', 'packages'], STAGE_SLUGS, data);
    expect(mentions.map(({ file, line, slug, text }) => `${file}:${line} ${slug} ${text}`)).toEqual([
      "lab/cli/src/bench.ts:5 event-driven 'event-driven'",
      'lab/cli/src/bench.ts:6 microservices microservicesFolder',
      'lab/cli/src/bench.ts:7 service-mesh `patterns/service-mesh/bench/${',
    ]);
  });

  it('when a file is not declared as data, then its mentions count too', () => {
    const files = findSlugMentions(fixture, ['packages'], STAGE_SLUGS, {}).map((m) => m.file);
    expect(files).toEqual(['packages/kit/src/seed.ts', 'packages/kit/src/seed.ts']);
  });

  it('when the declared data files are read, then each still exists and still names a slug', () => {
    for (const file of Object.keys(SLUG_DATA)) {
      const text = readFileSync(join(repoRoot, file), 'utf8');
      expect(slugMentionsIn(file, text, STAGE_SLUGS).length, file).toBeGreaterThan(0);
    }
  });

  it('when the real lab and packages are read, then outside tests and data no code names a pattern', () => {
    const mentions = findSlugMentions(repoRoot, ['lab', 'packages'], STAGE_SLUGS, SLUG_DATA);
    expect(mentions.map(({ file, line, text }) => `${file}:${line} ${text}`)).toEqual([]);
  });
});
