import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** What a pattern's code is organised into, read from its folder tree. */
export type Structure =
  | { kind: 'modules'; names: string[] }
  | { kind: 'layers'; names: string[] }
  | {
      kind: 'ports';
      /** Port files (`<name>.port.ts`) in `application/ports/driving/`, by name. */
      driving: string[];
      /** Port files in `application/ports/driven/`, by name. */
      driven: string[];
      /** Use-case files (`<name>.use-case.ts`) behind the driving port. */
      useCases: number;
    };

const folders = (path: string) =>
  existsSync(path)
    ? readdirSync(path, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];

const filesEnding = (path: string, suffix: string) =>
  existsSync(path)
    ? readdirSync(path)
        .filter((name) => name.endsWith(suffix))
        .map((name) => name.slice(0, -suffix.length))
        .sort()
    : [];

/**
 * Each pattern is counted in the unit its README is about: the monolith in
 * modules (`src/modules/<name>/`), layered in layers (the folders of `src/`), hexagonal in ports
 * (`src/application/ports/{driving,driven}/<name>.port.ts`). The counts come from the tree, so a
 * module, layer or port added tomorrow shows up without touching this file.
 */
const READERS: Record<string, (src: string) => Structure> = {
  monolith: (src) => ({ kind: 'modules', names: folders(join(src, 'modules')) }),
  layered: (src) => ({ kind: 'layers', names: folders(src) }),
  hexagonal: (src) => ({
    kind: 'ports',
    driving: filesEnding(join(src, 'application', 'ports', 'driving'), '.port.ts'),
    driven: filesEnding(join(src, 'application', 'ports', 'driven'), '.port.ts'),
    useCases: filesEnding(join(src, 'application', 'use-cases'), '.use-case.ts').length,
  }),
};

/** The pattern's structure, or undefined for a pattern not counted this way (yet). */
export function readStructure(pattern: string, srcFolder: string): Structure | undefined {
  return READERS[pattern]?.(srcFolder);
}
