import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { StructureCount as DeclaredCount, StructureSpec } from '@journey/topology';

/** One count of what a pattern's code is organised into, with the names a learner compares. */
export interface StructureCount {
  /** The plural noun the pattern declared: `modules`, `driven ports`, `services`, `events`. */
  unit: string;
  names: string[];
}

/** A pattern's structure: one count per unit its manifest declares, in its order. */
export type Structure = StructureCount[];

const foldersIn = (path: string) =>
  existsSync(path)
    ? readdirSync(path, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];

const filesIn = (path: string, suffix: string) =>
  existsSync(path)
    ? readdirSync(path)
        .filter((name) => name.endsWith(suffix))
        .map((name) => name.slice(0, -suffix.length))
        .sort()
    : [];

function namesOf(count: DeclaredCount, patternFolder: string): string[] {
  if ('names' in count) return [...count.names].sort();
  if ('suffix' in count) return filesIn(join(patternFolder, count.filesIn), count.suffix);
  return foldersIn(join(patternFolder, count.foldersIn));
}

/** Reads a pattern's structure from its tree, as its manifest's `structure` declares it. */
export function readStructure(spec: StructureSpec, patternFolder: string): Structure {
  return spec.map((count) => ({ unit: count.unit, names: namesOf(count, patternFolder) }));
}
