import { describe, expect, it } from 'vitest';
import { definePattern, type ExerciseDeclaration, PatternManifestError } from '../src/index.js';

const exercise: ExerciseDeclaration = {
  title: 'A sample exercise',
  task: ['Do the thing.'],
  tests: ['exercise/thing.test.ts'],
  rules: true,
  hints: ['Look closer.'],
  solution: 'exercise/solution.patch',
};

const withExercise = (changes: Partial<ExerciseDeclaration>) =>
  definePattern({ slug: 'sample', sources: ['src'], exercise: { ...exercise, ...changes } });

describe('definePattern with an exercise', () => {
  it('when the exercise is complete, then the manifest keeps it as declared', () => {
    expect(withExercise({}).exercise).toEqual(exercise);
  });

  it('when an acceptance test lives in test/, then it is refused: the normal suite would run it on the unsolved code', () => {
    expect(() => withExercise({ tests: ['test/thing.test.ts'] })).toThrow(
      new PatternManifestError('sample', [
        'exercise test "test/thing.test.ts" must live in exercise/ (test/ is run by the normal suite)',
      ]),
    );
  });

  it('when a path leaves the pattern folder, then it is refused naming the path', () => {
    expect(() => withExercise({ solution: '../other/solution.patch' })).toThrow(
      `exercise path "../other/solution.patch" must stay inside the pattern's folder`,
    );
  });

  it('when the exercise has no title, task or test, then every gap is named at once', () => {
    expect(() => withExercise({ title: ' ', task: [], tests: [] })).toThrow(
      new PatternManifestError('sample', [
        'its exercise has no title',
        'its exercise has no task',
        'its exercise names no acceptance test',
      ]),
    );
  });
});
