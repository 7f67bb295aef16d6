import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataDir, labId } from '@journey/platform';

/** The lab's own checkout: the repository whose HEAD an exercise starts from and whose tests judge it. */
export const labRepository = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * Where exercises are made from and kept. The defaults are the lab's checkout and its data dir; tests
 * point `dataDir` at a temporary one.
 */
export interface ExercisePlace {
  repository: string;
  dataDir: string;
}

export const defaultPlace = (): ExercisePlace => ({ repository: labRepository, dataDir: dataDir() });

export const exercisesDir = (place: ExercisePlace) => join(place.dataDir, 'exercises');

/** `<data dir>/exercises/<slug>`: the learner's git worktree. */
export const worktreeOf = (place: ExercisePlace, slug: string) => join(exercisesDir(place), slug);

/** What the lab remembers of an exercise (its start commit, its last verdict), beside the worktree. */
export const stateFileOf = (place: ExercisePlace, slug: string) => join(exercisesDir(place), `${slug}.json`);

/**
 * `journey-exercise/<lab id>/<slug>`. Branches live in the repository that every lab on this checkout
 * shares, so the lab id keeps a test run (a temporary data dir) off the learner's own exercise branch.
 */
export const branchOf = (place: ExercisePlace, slug: string) =>
  `journey-exercise/${labId({ JOURNEY_HOME: place.dataDir })}/${slug}`;
