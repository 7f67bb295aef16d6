import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { programOnPath } from '../src/program-on-path.js';

describe('programOnPath', () => {
  const folder = mkdtempSync(join(tmpdir(), 'program-on-path-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('when a folder of PATH holds the program executable, then it is found; not executable, or absent, it is not', () => {
    writeFileSync(join(folder, 'runnable'), '#!/bin/sh\n');
    chmodSync(join(folder, 'runnable'), 0o755);
    writeFileSync(join(folder, 'plain'), 'text\n');
    const path = ['', '/nonexistent', folder].join(delimiter);
    expect(programOnPath('runnable', path)).toBe(true);
    expect(programOnPath('plain', path)).toBe(false);
    expect(programOnPath('absent', path)).toBe(false);
    expect(programOnPath('runnable', '')).toBe(false);
  });
});
