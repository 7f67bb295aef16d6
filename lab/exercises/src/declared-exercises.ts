import { join } from 'node:path';
import { STAGE_SLUGS } from '@journey/roadmap';
import { type ExerciseDeclaration, hasPatternManifest, loadPatternManifestIn } from '@journey/topology';
import { type ExercisePlace, labRepository } from './exercise-place.js';

/** A stage's exercise as its `pattern.ts` declares it. */
export interface DeclaredExercise {
  slug: string;
  exercise: ExerciseDeclaration;
}

export const patternFolderIn = (repository: string, slug: string) => join(repository, 'patterns', slug);

/** Every exercise the patterns of the lab's checkout declare, in roadmap order. */
export async function declaredExercises(
  place: Pick<ExercisePlace, 'repository'> = { repository: labRepository },
): Promise<DeclaredExercise[]> {
  const declared: DeclaredExercise[] = [];
  for (const slug of STAGE_SLUGS) {
    const folder = patternFolderIn(place.repository, slug);
    if (!hasPatternManifest(folder)) continue;
    const { exercise } = await loadPatternManifestIn(folder);
    if (exercise) declared.push({ slug, exercise });
  }
  return declared;
}

/** The stage has no exercise (or is no stage): the caller shows the stages that have one. */
export class NoSuchExercise extends Error {
  constructor(
    readonly slug: string,
    readonly withExercises: string[],
  ) {
    super(`stage "${slug}" has no exercise`);
    this.name = 'NoSuchExercise';
  }
}

export async function exerciseOf(
  slug: string,
  place: Pick<ExercisePlace, 'repository'> = { repository: labRepository },
): Promise<DeclaredExercise> {
  const all = await declaredExercises(place);
  const found = all.find((d) => d.slug === slug);
  if (!found)
    throw new NoSuchExercise(
      slug,
      all.map((d) => d.slug),
    );
  return found;
}
