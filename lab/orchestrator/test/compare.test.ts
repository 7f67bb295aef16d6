import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODULE_ORDER } from '@journey/architecture';
import { describe, expect, it } from 'vitest';
import { codeFigures } from '../src/compare/compare.js';
import { countCodeLines } from '../src/compare/source-size.js';
import { declaredUnitTests } from '../src/compare/unit-tests.js';

const fixtures = fileURLToPath(new URL('./fixtures/compare/', import.meta.url));

describe('counting code lines', () => {
  it('when a file mixes code, blank lines and every kind of comment, then only lines with code count', () => {
    const text = [
      '/** JSDoc', // 1: comment
      ' * still JSDoc */', // 2: comment
      '', // 3: blank
      "import { x } from './x.js'; // trailing", // 4: code
      '// a line comment', // 5: comment
      "const url = 'http://example.com'; /* after code */", // 6: code
      '/* a block', // 7: comment
      '   comment */', // 8: comment
      'const text = `a', // 9: code
      '', // 10: code, inside the template literal
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the text under test is TypeScript with a template literal
      '${url}`;', // 11: code
      '   ', // 12: blank
      'export { x, text };', // 13: code
    ].join('\n');
    expect(countCodeLines(text)).toBe(6);
  });

  it('when a file holds only comments, then it has no code line', () => {
    expect(countCodeLines('// one\n/* two */\n\n/**\n * three\n */\n')).toBe(0);
  });
});

describe('code figures', () => {
  it('when a layered tree is measured, then files, code lines, layers and the one broken rule are counted', async () => {
    expect(await codeFigures('layered', join(fixtures, 'layered'))).toEqual({
      files: 4,
      codeLines: 6,
      structure: { kind: 'layers', names: ['application', 'domain', 'http', 'persistence'] },
      violations: 1,
    });
  });

  it('when a hexagonal tree is measured, then ports are counted per side from their *.port.ts files', async () => {
    expect(await codeFigures('hexagonal', join(fixtures, 'hexagonal'))).toEqual({
      files: 7,
      codeLines: 17,
      structure: { kind: 'ports', driving: ['use-cases'], driven: ['clock', 'user.repository'], useCases: 2 },
      violations: 1,
    });
  });

  it('when the real monolith is measured, then its modules are the ones its dependency rules order', async () => {
    const figures = await codeFigures('monolith');
    expect(figures.structure).toEqual({ kind: 'modules', names: [...MODULE_ORDER].sort() });
    expect(figures.codeLines).toBeGreaterThan(figures.files * 10);
  });

  it('when the real hexagonal pattern is measured, then the repositories and services are driven ports, the use cases the driving one', async () => {
    const { structure, violations } = await codeFigures('hexagonal');
    expect(violations).toBe(0);
    expect(structure).toMatchObject({ kind: 'ports', driving: ['use-cases'] });
    expect(structure?.kind === 'ports' && structure.driven).toEqual(
      expect.arrayContaining(['user.repository', 'article.repository', 'token-service', 'clock']),
    );
  });
});

describe('declared unit tests', () => {
  const patternWith = (journey: unknown, files: string[] = []) => {
    const folder = mkdtempSync(join(tmpdir(), 'journey-compare-'));
    writeFileSync(
      join(folder, 'package.json'),
      JSON.stringify({ name: 'p', ...(journey ? { journey } : {}) }),
    );
    for (const file of files) {
      mkdirSync(join(folder, file, '..'), { recursive: true });
      writeFileSync(join(folder, file), '');
    }
    return folder;
  };

  it('when folders and files are declared, then a folder stands for the *.test.ts files below it', () => {
    const folder = patternWith({ unitTests: ['test/core', 'test/cli.test.ts'] }, [
      'test/core/a.test.ts',
      'test/core/deep/b.test.ts',
      'test/core/suite.ts',
      'test/cli.test.ts',
      'test/http.test.ts',
    ]);
    expect(declaredUnitTests(folder)).toEqual([
      'test/core/a.test.ts',
      'test/core/deep/b.test.ts',
      'test/cli.test.ts',
    ]);
  });

  it('when nothing is declared, then there is no list; an empty list is a declaration', () => {
    expect(declaredUnitTests(patternWith(undefined))).toBeUndefined();
    expect(declaredUnitTests(patternWith({ unitTests: [] }))).toEqual([]);
  });

  it('when a declared file does not exist, then the error names it', () => {
    expect(() => declaredUnitTests(patternWith({ unitTests: ['test/gone.test.ts'] }))).toThrow(
      'journey.unitTests names "test/gone.test.ts", which does not exist',
    );
  });
});
