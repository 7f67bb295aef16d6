import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PatternManifest } from './pattern.js';

/** The file in a pattern's folder that declares its extras. */
export const PATTERN_MANIFEST_FILE = 'pattern.ts';

export const hasPatternManifest = (folder: string) => existsSync(join(folder, PATTERN_MANIFEST_FILE));

/** The manifest of the pattern in `folder`, whose slug must be the folder's name. */
export async function loadPatternManifestIn(folder: string): Promise<PatternManifest> {
  const file = join(folder, PATTERN_MANIFEST_FILE);
  if (!existsSync(file)) throw new Error(`${file} does not exist: the pattern declares nothing`);
  const manifest = await defaultExportOf<PatternManifest>(file);
  if (manifest.slug !== basename(folder)) {
    throw new Error(`${file} declares the slug "${manifest.slug}", but its folder is "${basename(folder)}"`);
  }
  return manifest;
}

/**
 * The default export of a module the pattern in `folder` declares (its rules, a bench, a command),
 * `module` being relative to that folder as the manifest writes it.
 */
export async function loadDeclaredModule<T>(folder: string, module: string): Promise<T> {
  const file = resolve(folder, module);
  if (!existsSync(file)) {
    throw new Error(`${join(folder, PATTERN_MANIFEST_FILE)} declares ${module}, but ${file} does not exist`);
  }
  return defaultExportOf<T>(file);
}

async function defaultExportOf<T>(file: string): Promise<T> {
  const { default: value } = (await import(pathToFileURL(file).href)) as { default?: T };
  if (value === undefined) throw new Error(`${file} has no default export`);
  return value;
}
