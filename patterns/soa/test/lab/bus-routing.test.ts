import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The bus finds services through the registry, never at an address it was handed. The lab gives it
 * IDENTITY_URL, PUBLISHING_URL and ENGAGEMENT_URL anyway (it hands every caller of a soap edge its
 * peer's URL), so this reads the bus's source for any read of them. Not a dependency rule: reading an
 * environment variable is no import, so `journey check soa` cannot see it.
 */
const SERVICE_URL_READ =
  /process\.env\.(IDENTITY|PUBLISHING|ENGAGEMENT)_URL\b|(['"`])(IDENTITY|PUBLISHING|ENGAGEMENT)_URL\2/;

function serviceUrlReads(folder: string): string[] {
  const files = readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  return files.flatMap((file) =>
    readFileSync(join(folder, file), 'utf8')
      .split('\n')
      .flatMap((line, index) =>
        SERVICE_URL_READ.test(line) ? [`${relative(folder, join(folder, file))}:${index + 1}`] : [],
      ),
  );
}

const at = (path: string) => fileURLToPath(new URL(path, import.meta.url));

describe('the bus finds services through the registry', () => {
  it('when bus code reads a service URL variable, then each read is found, and a mention in a comment is not', () => {
    expect(serviceUrlReads(at('./fixtures/hard-coded-service-url/bus/src/'))).toEqual([
      'settings.ts:3',
      'settings.ts:4',
      'settings.ts:5',
    ]);
  });

  it('when the real bus is read, then it reads no service URL variable', () => {
    expect(serviceUrlReads(at('../../bus/src/'))).toEqual([]);
  });
});
