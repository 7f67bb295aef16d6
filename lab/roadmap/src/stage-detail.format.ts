import type { CheckRun } from './check-run.js';
import type { CheckpointProgress } from './checkpoint-results.js';
import { statusCell } from './roadmap.format.js';
import type { Stage } from './stage.js';
import type { StageProgress } from './stage-status.js';

/**
 * One block of `journey roadmap <stage>`. The command assembles the blocks, so another one (the exercise,
 * what changed from the stage before) is a function returning a section, not an edit of this file.
 */
export interface DetailSection {
  /** Printed above the lines; none for the header block. */
  title?: string;
  lines: string[];
}

const WIDTH = 80;
const INDENT = '    ';

/** The sections, blank-line apart, as plain text (no colour: it reads the same in a pipe). */
export function formatStageDetail(sections: readonly DetailSection[]): string {
  const blocks = sections.map((section) =>
    [...(section.title ? [section.title] : []), ...section.lines].join('\n'),
  );
  return `${blocks.join('\n\n')}\n`;
}

/** Title, difficulty and status: `Layered Architecture (layered)`, `Intermediate · in progress (2/4)`. */
export function stageHeaderSection(stage: Stage, progress: StageProgress): DetailSection {
  const marked = progress.markedDone && progress.status !== 'done (marked)' ? ' · also marked done' : '';
  return {
    lines: [
      `${stage.title} (${stage.slug})`,
      `${stage.difficulty} · ${statusCell(progress)} · ${progress.earned} of ${progress.total} checkpoints earned${marked}`,
    ],
  };
}

/**
 * Each checkpoint: ✓ earned, ✗ run and not earned, · never run; then its description, what counts as
 * passing, and each command that earns it with the latest run of that command.
 */
export function checkpointsSection(checkpoints: readonly CheckpointProgress[]): DetailSection {
  return { title: 'Checkpoints', lines: checkpoints.flatMap(checkpointLines) };
}

function checkpointLines(checkpoint: CheckpointProgress): string[] {
  const mark = checkpoint.result === null ? '·' : checkpoint.result.passed ? '✓' : '✗';
  const runs = new Map(checkpoint.result?.runs.map(({ command, run }) => [command, run]));
  return [
    `  ${mark} ${checkpoint.id}`,
    ...wrap(checkpoint.description, INDENT),
    ...wrap(`passing: ${checkpoint.passing}`, INDENT),
    ...checkpoint.earnedBy.flatMap((command) => [
      `${INDENT}earned by: ${command}`,
      `${INDENT}  ${describeRun(runs.get(command))}`,
    ]),
  ];
}

/** `passed 2026-12-06 15:40 UTC · 57 passed, 0 failed · code 1bf4d28 · via cli`. */
export function describeRun(run: CheckRun | undefined): string {
  if (!run) return 'not run yet';
  return [
    `${run.passed ? 'passed' : 'failed'} ${readableTime(run.at)}`,
    ...(run.detail ? [run.detail] : []),
    `code ${run.code}`,
    `via ${run.via}`,
  ].join(' · ');
}

/** `2026-12-06T15:40:12.345Z` → `2026-12-06 15:40 UTC`: minutes are enough to tell runs apart by eye. */
function readableTime(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return match ? `${match[1]} ${match[2]} UTC` : iso;
}

function wrap(text: string, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && indent.length + line.length + 1 + word.length > WIDTH) {
      lines.push(indent + line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(indent + line);
  return lines;
}
