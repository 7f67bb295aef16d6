import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type ExercisePlace, stateFileOf } from './exercise-place.js';

/** The last verdict of `check`, as `show` prints it. */
export interface LastVerdict {
  passed: boolean;
  detail: string;
  /** The code version the check ran against (`1bf4d28+3fa2c9e1`). */
  code: string;
  at: string;
}

/** What the lab keeps of a started exercise, in `<data dir>/exercises/<slug>.json`. */
export interface ExerciseRecord {
  /** The repository's HEAD when the exercise started: what `reset` returns to. */
  startCommit: string;
  branch: string;
  startedAt: string;
  lastVerdict?: LastVerdict;
}

export function readRecord(place: ExercisePlace, slug: string): ExerciseRecord | undefined {
  const file = stateFileOf(place, slug);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ExerciseRecord;
  } catch (error) {
    throw new Error(`${file} is not readable JSON (${(error as Error).message}); remove it and start again`);
  }
}

export function writeRecord(place: ExercisePlace, slug: string, record: ExerciseRecord): void {
  const file = stateFileOf(place, slug);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
}

export const forgetRecord = (place: ExercisePlace, slug: string) =>
  rmSync(stateFileOf(place, slug), { force: true });
