import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { type CheckCommand, parseCheckCommand } from './check-command.js';
import {
  CHECKPOINT_ID,
  type Checkpoint,
  DIFFICULTIES,
  type Difficulty,
  isStageSlug,
  STAGE_SLUGS,
  type Stage,
  type StageSlug,
} from './stage.js';

/** `roadmap/` at the repository root, found from this file so it works from any working directory. */
export const DEFAULT_ROADMAP_DIR = fileURLToPath(new URL('../../../roadmap/', import.meta.url));

/** Markdown files in the roadmap directory that are not stages. */
const NOT_STAGES = new Set(['README.md']);

const FIELDS = [
  'slug',
  'title',
  'difficulty',
  'roadmapOrder',
  'suggestedOrder',
  'prerequisites',
  'objectives',
  'checkpoints',
] as const;
const CHECKPOINT_FIELDS = ['id', 'description', 'earnedBy', 'passing'] as const;
const OBJECTIVES = { min: 3, max: 5 };

export interface RoadmapProblem {
  /** The file at fault (or the directory, when it cannot be read). */
  file: string;
  /** The front-matter field at fault, e.g. `difficulty` or `checkpoints[1].id`; absent for whole-file problems. */
  field?: string;
  message: string;
}

/** Every problem found in the roadmap, each naming its file and, where there is one, its field. */
export class RoadmapError extends Error {
  readonly problems: RoadmapProblem[];

  constructor(dir: string, problems: RoadmapProblem[]) {
    const lines = problems.map((p) => `  - ${p.file}: ${p.field ? `field "${p.field}" ` : ''}${p.message}`);
    super(`roadmap in ${dir} is invalid:\n${lines.join('\n')}`);
    this.name = 'RoadmapError';
    this.problems = problems;
  }
}

/**
 * Reads `<dir>/<slug>.md` for the eight stages, validates each file and the roadmap as a whole, and returns
 * the stages in suggested order. Throws a RoadmapError listing every problem rather than stopping at the first,
 * so one run shows everything a learner or contributor has to fix.
 */
export function loadRoadmap(dir: string = DEFAULT_ROADMAP_DIR): Stage[] {
  dir = resolve(dir);
  const problems: RoadmapProblem[] = [];
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.md') && !NOT_STAGES.has(name));
  } catch (error) {
    throw new RoadmapError(dir, [{ file: dir, message: `cannot be read (${(error as Error).message})` }]);
  }

  const stages: Stage[] = [];
  for (const name of names.sort()) {
    const file = join(dir, name);
    const expected = basename(name, '.md');
    if (!isStageSlug(expected)) {
      problems.push({ file, message: `is not one of the eight stages (${STAGE_SLUGS.join(', ')})` });
      continue;
    }
    const stage = parseStage(file, expected, readFileSync(file, 'utf8'), problems);
    if (stage) stages.push(stage);
  }
  for (const slug of STAGE_SLUGS) {
    if (!names.includes(`${slug}.md`))
      problems.push({ file: join(dir, `${slug}.md`), message: 'is missing' });
  }
  checkRoadmap(stages, problems);

  if (problems.length > 0) throw new RoadmapError(dir, problems);
  return stages.sort((a, b) => a.suggestedOrder - b.suggestedOrder);
}

/** Parses one stage file; pushes its problems and returns undefined when it is invalid. */
export function parseStage(
  file: string,
  expectedSlug: StageSlug,
  text: string,
  problems: RoadmapProblem[],
): Stage | undefined {
  const before = problems.length;
  const report = (field: string | undefined, message: string) =>
    problems.push(field === undefined ? { file, message } : { file, field, message });

  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const close = lines.findIndex((line, i) => i > 0 && line.trimEnd() === '---');
  if (lines[0]?.trimEnd() !== '---' || close === -1) {
    report(undefined, 'must start with YAML front-matter between two "---" lines');
    return undefined;
  }
  const yamlText = lines.slice(1, close).join('\n');
  const doc = parseDocument(yamlText, { prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      // +2: the front-matter starts on the file's second line, and lines count from 1.
      const line = yamlText.slice(0, error.pos[0]).split('\n').length + 1;
      report(undefined, `has invalid YAML at line ${line}: ${error.message}`);
    }
    return undefined;
  }
  const data: unknown = doc.toJS();
  if (!isRecord(data)) {
    report(undefined, 'front-matter must be a YAML mapping of fields');
    return undefined;
  }

  for (const key of Object.keys(data)) {
    if (!(FIELDS as readonly string[]).includes(key)) {
      report(key, `is not a known field (expected ${FIELDS.join(', ')})`);
    }
  }
  for (const key of FIELDS) if (!(key in data)) report(key, 'is required');

  const { slug, title, difficulty, roadmapOrder, suggestedOrder, prerequisites, objectives, checkpoints } =
    data;
  if ('slug' in data && slug !== expectedSlug) {
    report('slug', `must be ${JSON.stringify(expectedSlug)} to match the file name, got ${show(slug)}`);
  }
  if ('title' in data && !isText(title)) report('title', `must be a non-empty string, got ${show(title)}`);
  if ('difficulty' in data && !(DIFFICULTIES as readonly unknown[]).includes(difficulty)) {
    report('difficulty', `must be one of ${DIFFICULTIES.join(', ')}, got ${show(difficulty)}`);
  }
  for (const [field, value] of [
    ['roadmapOrder', roadmapOrder],
    ['suggestedOrder', suggestedOrder],
  ] as const) {
    if (
      field in data &&
      !(Number.isInteger(value) && (value as number) >= 1 && (value as number) <= STAGE_SLUGS.length)
    ) {
      report(field, `must be a whole number from 1 to ${STAGE_SLUGS.length}, got ${show(value)}`);
    }
  }

  if ('prerequisites' in data) {
    if (!Array.isArray(prerequisites)) {
      report('prerequisites', `must be a list of stage slugs (use [] for none), got ${show(prerequisites)}`);
    } else {
      const seen = new Set<unknown>();
      prerequisites.forEach((prerequisite, i) => {
        const field = `prerequisites[${i}]`;
        if (!isStageSlug(prerequisite)) {
          report(field, `must be one of ${STAGE_SLUGS.join(', ')}, got ${show(prerequisite)}`);
        } else if (prerequisite === expectedSlug) report(field, 'a stage cannot be its own prerequisite');
        else if (seen.has(prerequisite)) report(field, `lists ${show(prerequisite)} twice`);
        seen.add(prerequisite);
      });
    }
  }

  if ('objectives' in data) {
    if (!Array.isArray(objectives)) {
      report('objectives', `must be a list of ${OBJECTIVES.min} to ${OBJECTIVES.max} objectives`);
    } else {
      if (objectives.length < OBJECTIVES.min || objectives.length > OBJECTIVES.max) {
        report(
          'objectives',
          `must list ${OBJECTIVES.min} to ${OBJECTIVES.max} objectives, got ${objectives.length}`,
        );
      }
      objectives.forEach((objective, i) => {
        if (!isText(objective))
          report(`objectives[${i}]`, `must be a non-empty string, got ${show(objective)}`);
      });
    }
  }

  if ('checkpoints' in data) {
    if (!Array.isArray(checkpoints) || checkpoints.length === 0) {
      report('checkpoints', `must be a non-empty list of { ${CHECKPOINT_FIELDS.join(', ')} }`);
    } else {
      const ids = new Set<unknown>();
      checkpoints.forEach((checkpoint, i) => {
        const field = `checkpoints[${i}]`;
        if (!isRecord(checkpoint)) {
          report(field, `must be a mapping with ${CHECKPOINT_FIELDS.join(', ')}, got ${show(checkpoint)}`);
          return;
        }
        for (const key of Object.keys(checkpoint)) {
          if (!(CHECKPOINT_FIELDS as readonly string[]).includes(key))
            report(`${field}.${key}`, `is not a known field (expected ${CHECKPOINT_FIELDS.join(', ')})`);
        }
        if (typeof checkpoint.id !== 'string' || !CHECKPOINT_ID.test(checkpoint.id)) {
          report(`${field}.id`, `must be a kebab-case id, got ${show(checkpoint.id)}`);
        } else if (ids.has(checkpoint.id)) report(`${field}.id`, `repeats ${show(checkpoint.id)}`);
        ids.add(checkpoint.id);
        if (!isText(checkpoint.description)) {
          report(`${field}.description`, `must be a non-empty string, got ${show(checkpoint.description)}`);
        }
        checkEarnedBy(checkpoint.earnedBy, `${field}.earnedBy`, report);
        if (!isText(checkpoint.passing)) {
          report(
            `${field}.passing`,
            `must say in one non-empty line what counts as passing, got ${show(checkpoint.passing)}`,
          );
        } else if (checkpoint.passing.trim().includes('\n')) {
          report(`${field}.passing`, 'must be one line');
        }
      });
    }
  }

  const body = lines
    .slice(close + 1)
    .join('\n')
    .trim();
  if (body === '') report(undefined, 'needs a Markdown body after the front-matter');

  if (problems.length > before) return undefined;
  return {
    slug: expectedSlug,
    title: (title as string).trim(),
    difficulty: difficulty as Difficulty,
    roadmapOrder: roadmapOrder as number,
    suggestedOrder: suggestedOrder as number,
    prerequisites: prerequisites as StageSlug[],
    objectives: (objectives as string[]).map((o) => o.trim()),
    checkpoints: (checkpoints as Checkpoint[]).map(({ id, description, earnedBy, passing }) => ({
      id,
      description: description.trim(),
      earnedBy: earnedBy.map((line) => line.trim()),
      passing: passing.trim(),
    })),
    body: `${body}\n`,
    file,
  };
}

/** `earnedBy`: a non-empty list of distinct `journey …` command lines (see parseCheckCommand). */
function checkEarnedBy(
  earnedBy: unknown,
  field: string,
  report: (field: string, message: string) => void,
): void {
  if (!Array.isArray(earnedBy) || earnedBy.length === 0) {
    report(
      field,
      `must be a non-empty list of command lines such as "journey test monolith", got ${show(earnedBy)}`,
    );
    return;
  }
  const seen = new Set<string>();
  earnedBy.forEach((line, i) => {
    if (typeof line !== 'string') {
      report(`${field}[${i}]`, `must be a command line starting with "journey ", got ${show(line)}`);
      return;
    }
    let parsed: CheckCommand;
    try {
      parsed = parseCheckCommand(line);
    } catch (error) {
      report(`${field}[${i}]`, (error as Error).message);
      return;
    }
    // Compared as runs match them: positionals in any order, `--db postgres` the same as `--db=postgres`.
    const key = JSON.stringify([
      parsed.command,
      [...parsed.positionals].sort(),
      Object.entries(parsed.flags).sort(),
    ]);
    if (seen.has(key)) report(`${field}[${i}]`, `repeats ${show(line)}`);
    seen.add(key);
  });
}

/** Checks that need every stage at once: unique orders, and prerequisites that form a path, not a loop. */
function checkRoadmap(stages: Stage[], problems: RoadmapProblem[]): void {
  for (const field of ['roadmapOrder', 'suggestedOrder'] as const) {
    const owner = new Map<number, Stage>();
    for (const stage of stages) {
      const other = owner.get(stage[field]);
      if (other) {
        problems.push({
          file: stage.file,
          field,
          message: `${stage[field]} is already used by ${basename(other.file)}`,
        });
      } else owner.set(stage[field], stage);
    }
  }

  const bySlug = new Map(stages.map((s) => [s.slug, s]));
  const state = new Map<StageSlug, 'visiting' | 'done'>();
  let cycle: StageSlug[] | undefined;
  const visit = (stage: Stage, path: StageSlug[]): void => {
    if (cycle || state.get(stage.slug) === 'done') return;
    if (state.get(stage.slug) === 'visiting') {
      cycle = [...path.slice(path.indexOf(stage.slug)), stage.slug];
      return;
    }
    state.set(stage.slug, 'visiting');
    for (const prerequisite of stage.prerequisites) {
      const next = bySlug.get(prerequisite);
      if (next) visit(next, [...path, stage.slug]);
    }
    state.set(stage.slug, 'done');
  };
  for (const stage of stages) visit(stage, []);
  if (cycle) {
    const first = bySlug.get(cycle[0]!)!;
    problems.push({
      file: first.file,
      field: 'prerequisites',
      message: `form a cycle: ${cycle.join(' → ')}`,
    });
    return;
  }

  // A learner following the suggested path must never meet a stage before its prerequisites.
  for (const stage of stages) {
    stage.prerequisites.forEach((prerequisite, i) => {
      const before = bySlug.get(prerequisite);
      if (before && before.suggestedOrder >= stage.suggestedOrder) {
        problems.push({
          file: stage.file,
          field: `prerequisites[${i}]`,
          message: `"${prerequisite}" comes at step ${before.suggestedOrder} of the suggested path, not before step ${stage.suggestedOrder}`,
        });
      }
    });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function show(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}
