/**
 * One stage of the journey, as declared in `roadmap/<slug>.md`. The front-matter is the machine-readable
 * part (the CLI and dashboard read it); the Markdown body is the lesson a learner reads.
 */

/** The eight pattern slugs, in the suggested learning order. One slug per pattern everywhere (see STYLE.md). */
export const STAGE_SLUGS = [
  'monolith',
  'layered',
  'hexagonal',
  'soa',
  'microservices',
  'event-driven',
  'serverless',
  'service-mesh',
] as const;

export type StageSlug = (typeof STAGE_SLUGS)[number];

/** The difficulty labels the source roadmap uses. */
export const DIFFICULTIES = ['Beginner', 'Intermediate', 'Advanced'] as const;

export type Difficulty = (typeof DIFFICULTIES)[number];

export function isStageSlug(value: unknown): value is StageSlug {
  return typeof value === 'string' && (STAGE_SLUGS as readonly string[]).includes(value);
}

/** Checkpoint ids are kebab-case, like `contract` or `hop-cost`. */
export const CHECKPOINT_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Something the lab can verify by itself, such as "the contract suites pass against your running copy". */
export interface Checkpoint {
  /** kebab-case, unique within its stage. */
  id: string;
  description: string;
  /**
   * The lab command lines whose runs earn it, each starting with `journey ` (e.g. `journey test hexagonal
   * --db postgres`). The checkpoint has passed when the latest matching run of every one of them passed.
   */
  earnedBy: string[];
  /** What counts as passing, in one line a learner can check by eye (e.g. `ends with "0 failed"`). */
  passing: string;
}

export interface Stage {
  slug: StageSlug;
  title: string;
  difficulty: Difficulty;
  /** Position in the source roadmap the journey is built from (1..8). */
  roadmapOrder: number;
  /** Position in this lab's learning path (1..8); stages are listed in this order. */
  suggestedOrder: number;
  /** Stages to finish first; each comes earlier in the suggested path. */
  prerequisites: StageSlug[];
  objectives: string[];
  checkpoints: Checkpoint[];
  /** The Markdown after the front-matter. */
  body: string;
  /** Absolute path of the file the stage was read from. */
  file: string;
}
