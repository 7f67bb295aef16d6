import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  definePattern,
  loadDeclaredModule,
  loadPatternManifestIn,
  PatternManifestError,
} from '../src/index.js';

/** A pattern folder named `slug` holding the given files. */
function patternFolder(slug: string, files: Record<string, string>): string {
  const folder = join(mkdtempSync(join(tmpdir(), 'journey-pattern-')), slug);
  mkdirSync(folder);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  return folder;
}

describe('definePattern', () => {
  it('when a bench and a command share a name, then the manifest is refused naming it', () => {
    expect(() =>
      definePattern({
        slug: 'sample',
        sources: ['src'],
        benches: [{ name: 'lag', title: 't', module: './lag.ts' }],
        commands: [{ name: 'lag', usage: 'lag', summary: 's', module: './lag.command.ts' }],
      }),
    ).toThrow(new PatternManifestError('sample', ['"lag" is declared twice']));
  });

  it('when a bench flag defaults outside its bounds, then the manifest is refused naming the flag', () => {
    expect(() =>
      definePattern({
        slug: 'sample',
        sources: ['src'],
        benches: [
          {
            name: 'lag',
            title: 't',
            module: './lag.ts',
            options: [{ name: 'rate', description: 'd', default: 0, min: 1, max: 10 }],
          },
        ],
      }),
    ).toThrow('--rate of "lag" defaults to 0, outside 1..10');
  });
});

describe('loading what a pattern declares', () => {
  it('when pattern.ts declares a module, then its default export is loaded relative to the folder', async () => {
    const folder = patternFolder('sample', {
      'pattern.ts': "export default { slug: 'sample', sources: ['src'], rules: './rules.ts' };",
      'rules.ts': "export default { shape: 'one file' };",
    });
    const manifest = await loadPatternManifestIn(folder);
    expect(await loadDeclaredModule(folder, manifest.rules!)).toEqual({ shape: 'one file' });
  });

  it('when the slug is not the folder name, then loading says which file declares what', async () => {
    const folder = patternFolder('sample', {
      'pattern.ts': "export default { slug: 'other', sources: ['src'] };",
    });
    await expect(loadPatternManifestIn(folder)).rejects.toThrow(
      `${join(folder, 'pattern.ts')} declares the slug "other", but its folder is "sample"`,
    );
  });

  it('when a declared module is missing or has no default export, then the error names the file', async () => {
    const folder = patternFolder('sample', { 'named.ts': 'export const bench = 1;' });
    await expect(loadDeclaredModule(folder, './missing.ts')).rejects.toThrow(
      `${join(folder, 'pattern.ts')} declares ./missing.ts, but ${join(folder, 'missing.ts')} does not exist`,
    );
    await expect(loadDeclaredModule(folder, './named.ts')).rejects.toThrow(
      `${join(folder, 'named.ts')} has no default export`,
    );
  });
});
