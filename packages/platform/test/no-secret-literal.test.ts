import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const repoRoot = execFileSync('git', ['rev-parse', '--show-toplevel'], {
  cwd: import.meta.dirname,
  encoding: 'utf8',
}).trim();

// Spelt in pieces so this file does not match what it looks for.
const LITERALS = [['dev', 'secret'].join('-'), ['change', 'me'].join('-')];

describe('signing secrets', () => {
  it('when the tracked TypeScript is searched, then no development secret literal is found (each lab makes its own)', () => {
    const files = execFileSync('git', ['ls-files', '-z', '*.ts'], { cwd: repoRoot, encoding: 'utf8' })
      .split('\0')
      .filter(Boolean);
    const found = files.flatMap((file) => {
      const text = readFileSync(join(repoRoot, file), 'utf8');
      return LITERALS.filter((literal) => text.includes(literal)).map((literal) => `${file}: ${literal}`);
    });
    expect(found).toEqual([]);
  });
});
