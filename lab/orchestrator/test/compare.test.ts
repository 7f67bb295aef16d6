import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { codeFigures } from '../src/compare/compare.js';
import { countCodeLines, measureSources } from '../src/compare/source-size.js';
import { topologyFigures } from '../src/compare/topology-figures.js';
import { declaredUnitTests } from '../src/compare/unit-tests.js';
import { runnablePatterns } from '../src/patterns.js';
import { fixtureTopology } from './fixtures/fixture-topology.js';

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
      sources: ['src'],
      files: 4,
      codeLines: 6,
      structure: [{ unit: 'layers', names: ['application', 'domain', 'http', 'persistence'] }],
      violations: 1,
    });
  });

  it('when a hexagonal tree is measured, then ports are counted per side from their *.port.ts files', async () => {
    expect(await codeFigures('hexagonal', join(fixtures, 'hexagonal'))).toEqual({
      sources: ['src'],
      files: 7,
      codeLines: 17,
      structure: [
        { unit: 'driving ports', names: ['use-cases'] },
        { unit: 'driven ports', names: ['clock', 'user.repository'] },
        { unit: 'use cases', names: ['publish-article', 'register-user'] },
      ],
      violations: 1,
    });
  });

  it('when services behind a gateway are measured, then every source folder counts, services are folders and events the names declared', async () => {
    expect(await codeFigures('services', join(fixtures, 'services'))).toEqual({
      sources: ['services', 'gateway'],
      files: 3,
      codeLines: 7,
      structure: [
        { unit: 'services', names: ['accounts', 'articles'] },
        { unit: 'events', names: ['AccountOpened', 'ArticlePublished'] },
      ],
    });
  });

  it("when a source folder holds a workspace with its own node_modules, then only the pattern's files count", () => {
    const folder = mkdtempSync(join(tmpdir(), 'journey-compare-'));
    for (const file of ['services/a/src/main.ts', 'services/a/node_modules/dep/index.ts']) {
      mkdirSync(join(folder, file, '..'), { recursive: true });
      writeFileSync(join(folder, file), 'export const x = 1;\n');
    }
    expect(measureSources(folder, ['services'])).toEqual({ files: 1, codeLines: 1 });
  });

  it('when a topology is read, then processes, infrastructure by kind and edges by protocol are counted', () => {
    expect(topologyFigures(fixtureTopology())).toEqual({
      processes: 2,
      infrastructure: {},
      edges: { http: 2 },
    });
  });

  it('when the real monolith is measured, then its modules are the folders of src/modules', async () => {
    const figures = await codeFigures('monolith');
    expect(figures.structure).toEqual([
      { unit: 'modules', names: ['articles', 'comments', 'profiles', 'users'] },
    ]);
    expect(figures.codeLines).toBeGreaterThan(figures.files * 10);
  });

  it('when the real hexagonal pattern is measured, then the repositories and services are driven ports, the use cases the driving one', async () => {
    const { structure, violations } = await codeFigures('hexagonal');
    expect(violations).toBe(0);
    const names = (unit: string) => structure.find((count) => count.unit === unit)?.names;
    expect(names('driving ports')).toEqual(['use-cases']);
    expect(names('driven ports')).toEqual(
      expect.arrayContaining(['user.repository', 'article.repository', 'token-service', 'clock']),
    );
  });

  // Every built pattern, whatever its shape: this is what `journey compare` with no arguments reads.
  describe.each(runnablePatterns())('when the built pattern %s is measured', (pattern) => {
    it('then it has code, a structure with names and a topology', async () => {
      const figures = await codeFigures(pattern);
      expect(figures.files).toBeGreaterThan(0);
      expect(figures.codeLines).toBeGreaterThan(figures.files);
      expect(figures.structure.length).toBeGreaterThan(0);
      for (const count of figures.structure) expect(count.names.length, count.unit).toBeGreaterThan(0);
      expect(figures.topology?.processes).toBeGreaterThan(0);
    });
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
