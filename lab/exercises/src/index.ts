export { type CheckOptions, checkExercise, type ExerciseVerdict } from './check-exercise.js';
export {
  type DeclaredExercise,
  declaredExercises,
  exerciseOf,
  NoSuchExercise,
} from './declared-exercises.js';
export { defaultPlace, type ExercisePlace, labRepository, worktreeOf } from './exercise-place.js';
export type { FileFinished } from './exercise-progress.js';
export type { LastVerdict } from './exercise-state.js';
export {
  ExerciseProblem,
  type ExerciseState,
  exerciseState,
  removeExercise,
  resetExercise,
  type Started,
  startExercise,
} from './exercise-worktree.js';
export { linkNodeModules } from './linked-node-modules.js';
export type { TestOutcome } from './run-exercise-tests.js';
