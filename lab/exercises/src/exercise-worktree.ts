import { existsSync, realpathSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { exerciseOf } from './declared-exercises.js';
import { branchOf, defaultPlace, type ExercisePlace, worktreeOf } from './exercise-place.js';
import {
  type ExerciseRecord,
  forgetRecord,
  type LastVerdict,
  readRecord,
  writeRecord,
} from './exercise-state.js';
import { git, gitSucceeds } from './git.js';
import { linkNodeModules } from './linked-node-modules.js';

/** Something about the exercise's worktree the learner must act on; the message says what to run. */
export class ExerciseProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExerciseProblem';
  }
}

export interface ExerciseState {
  slug: string;
  title: string;
  /** Where the worktree is, or would be once started. */
  worktree: string;
  branch: string;
  started: boolean;
  /**
   * Why the exercise cannot be used as it is, with what to run: parts of it exist but not all (say, a
   * branch without its worktree), or the lab is no git checkout.
   */
  broken?: string;
  startCommit?: string;
  lastVerdict?: LastVerdict;
}

/** What exists of an exercise, each part on its own, so a half-made one can be named precisely. */
function inspect(place: ExercisePlace, slug: string) {
  const worktree = worktreeOf(place, slug);
  const branch = branchOf(place, slug);
  const listed = git(place.repository, ['worktree', 'list', '--porcelain'])
    .split('\n')
    .filter((line) => line.startsWith('worktree '))
    .map((line) => line.slice('worktree '.length));
  const registered = listed.some((path) => path === canonical(worktree));
  const folder = existsSync(worktree);
  const branchExists = gitSucceeds(place.repository, [
    'show-ref',
    '--verify',
    '--quiet',
    `refs/heads/${branch}`,
  ]);
  const record = readRecord(place, slug);
  const parts = { registered, folder, branch: branchExists, record: record !== undefined };
  const present = Object.entries(parts).filter(([, there]) => there);
  const missing = Object.entries(parts).filter(([, there]) => !there);
  const broken =
    present.length > 0 && missing.length > 0
      ? `it is half there (${describe(
          present.map(([name]) => name),
          'has',
        )}; ${describe(
          missing.map(([name]) => name),
          'lacks',
        )})`
      : undefined;
  return { worktree, branch, started: missing.length === 0, broken, record };
}

const PART_NAMES: Record<string, string> = {
  registered: 'a git worktree entry',
  folder: 'the folder',
  branch: 'the branch',
  record: "the lab's record of it",
};

const describe = (parts: string[], verb: string) => `${verb} ${parts.map((p) => PART_NAMES[p]).join(', ')}`;

/** The path as git prints it in `worktree list`: symlinks of its existing ancestors resolved. */
function canonical(path: string): string {
  let existing = resolve(path);
  const rest: string[] = [];
  while (!existsSync(existing)) {
    rest.unshift(existing.slice(dirname(existing).length + 1));
    existing = dirname(existing);
  }
  return resolve(realpathSync(existing), ...rest);
}

function assertGitCheckout(repository: string): void {
  let top: string;
  try {
    top = git(repository, ['rev-parse', '--show-toplevel']).trim();
  } catch {
    throw new ExerciseProblem(
      `${repository} is not a git checkout: an exercise is a git worktree of the lab's repository, so clone it with git`,
    );
  }
  if (canonical(top) !== canonical(repository)) {
    throw new ExerciseProblem(`${repository} is inside the git checkout ${top}, not the top of one`);
  }
}

const brokenAdvice = (slug: string, reason: string) =>
  `the exercise of ${slug} is in a broken state: ${reason}. \`journey exercise ${slug} remove\` clears it ` +
  '(work left in its worktree is lost), then `start` makes it again';

/** What exists of the exercise; a lab that is no git checkout reads as not started, with the reason. */
export async function exerciseState(slug: string, place = defaultPlace()): Promise<ExerciseState> {
  const { exercise } = await exerciseOf(slug, place);
  try {
    assertGitCheckout(place.repository);
  } catch (error) {
    if (!(error instanceof ExerciseProblem)) throw error;
    return {
      slug,
      title: exercise.title,
      worktree: worktreeOf(place, slug),
      branch: branchOf(place, slug),
      started: false,
      broken: error.message,
    };
  }
  const { worktree, branch, started, broken, record } = inspect(place, slug);
  return {
    slug,
    title: exercise.title,
    worktree,
    branch,
    started,
    ...(broken && { broken: brokenAdvice(slug, broken) }),
    ...(record && { startCommit: record.startCommit }),
    ...(record?.lastVerdict && { lastVerdict: record.lastVerdict }),
  };
}

export interface Started {
  worktree: string;
  branch: string;
  startCommit: string;
  /** True when it had been started before: nothing was changed. */
  already: boolean;
}

/**
 * A git worktree of the repository's HEAD at `<data dir>/exercises/<slug>` on its own branch, with the
 * repository's installed packages linked in. The repository's own working tree is not touched.
 */
export async function startExercise(slug: string, place = defaultPlace()): Promise<Started> {
  await exerciseOf(slug, place);
  assertGitCheckout(place.repository);
  const found = inspect(place, slug);
  if (found.started && found.record) {
    linkNodeModules(place.repository, found.worktree);
    return { ...pick(found), startCommit: found.record.startCommit, already: true };
  }
  if (found.broken) throw new ExerciseProblem(brokenAdvice(slug, found.broken));
  const startCommit = git(place.repository, ['rev-parse', 'HEAD']).trim();
  git(place.repository, ['worktree', 'add', '--quiet', '-b', found.branch, found.worktree, startCommit]);
  linkNodeModules(place.repository, found.worktree);
  const record: ExerciseRecord = {
    startCommit,
    branch: found.branch,
    startedAt: new Date().toISOString(),
  };
  writeRecord(place, slug, record);
  return { ...pick(found), startCommit, already: false };
}

const pick = ({ worktree, branch }: { worktree: string; branch: string }) => ({ worktree, branch });

/** The started exercise's worktree and record, or a problem saying how to get there. */
export function startedExercise(slug: string, place: ExercisePlace) {
  assertGitCheckout(place.repository);
  const found = inspect(place, slug);
  if (found.broken) throw new ExerciseProblem(brokenAdvice(slug, found.broken));
  if (!found.started || !found.record) {
    throw new ExerciseProblem(`the exercise of ${slug} is not started: \`journey exercise ${slug} start\``);
  }
  return { worktree: found.worktree, branch: found.branch, record: found.record };
}

/**
 * Back to the start: the worktree's branch to the commit it started from, tracked files restored and
 * untracked ones removed (ignored ones, like the linked node_modules, stay). The last verdict goes too.
 */
export async function resetExercise(slug: string, place = defaultPlace()): Promise<Started> {
  await exerciseOf(slug, place);
  const { worktree, branch, record } = startedExercise(slug, place);
  git(worktree, ['reset', '--quiet', '--hard', record.startCommit]);
  git(worktree, ['clean', '--quiet', '-fd']);
  linkNodeModules(place.repository, worktree);
  const { lastVerdict: _dropped, ...kept } = record;
  writeRecord(place, slug, kept);
  return { worktree, branch, startCommit: record.startCommit, already: true };
}

/** Removes whatever exists of the exercise (worktree, branch, record), broken or not. */
export async function removeExercise(slug: string, place = defaultPlace()): Promise<{ removed: boolean }> {
  await exerciseOf(slug, place);
  assertGitCheckout(place.repository);
  const found = inspect(place, slug);
  const anything = found.started || found.broken !== undefined;
  // The links first, on their own: nothing that removes the folder may follow them into the repository.
  rmSync(resolve(found.worktree, 'node_modules'), { recursive: true, force: true });
  // A folder git does not know as a worktree (the half-made case) is removed by hand.
  if (!gitSucceeds(place.repository, ['worktree', 'remove', '--force', found.worktree]))
    rmSync(found.worktree, { recursive: true, force: true });
  git(place.repository, ['worktree', 'prune']);
  if (gitSucceeds(place.repository, ['show-ref', '--verify', '--quiet', `refs/heads/${found.branch}`])) {
    git(place.repository, ['branch', '--quiet', '-D', found.branch]);
  }
  forgetRecord(place, slug);
  return { removed: anything };
}
