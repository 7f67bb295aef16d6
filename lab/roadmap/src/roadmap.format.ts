import type { Stage, StageSlug } from './stage.js';
import { nextStage, type StageProgress, type StageStatuses } from './stage-status.js';

const WIDTH = 80;

/**
 * The roadmap as a plain-text table for the terminal, in suggested order, followed by the suggested path and
 * the next stage to take. No colour, so it reads the same in a pipe, a log or under NO_COLOR.
 */
export function formatRoadmap(
  stages: readonly Stage[],
  progress: Partial<Record<StageSlug, StageProgress>>,
): string {
  const ordered = [...stages].sort((a, b) => a.suggestedOrder - b.suggestedOrder);
  const statuses: StageStatuses = Object.fromEntries(
    ordered.map((stage) => [stage.slug, progress[stage.slug]?.status]),
  );
  const rows = [
    ['#', 'Stage', 'Difficulty', 'Status', 'Prerequisites'],
    ...ordered.map((stage) => [
      String(stage.suggestedOrder),
      stage.slug,
      stage.difficulty,
      statusCell(progress[stage.slug]),
      stage.prerequisites.length > 0 ? stage.prerequisites.join(', ') : '-',
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const lines = rows.map((row) =>
    row
      .map((cell, column) => (column === 0 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd(),
  );
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));

  lines.push('', ...wrap('Suggested path: ', ordered.map((s) => s.slug).join(' → ')));
  const next = nextStage(ordered, statuses);
  lines.push(next ? `Next: ${next.slug} (${next.title})` : 'Every stage is done.');
  return `${lines.join('\n')}\n`;
}

/** `in progress (2/4)`: the count says how far a half-done stage is; a done or untouched one needs none. */
export function statusCell(progress: StageProgress | undefined): string {
  if (!progress) return '?';
  return progress.status === 'in progress'
    ? `in progress (${progress.earned}/${progress.total})`
    : progress.status;
}

/** Breaks `text` at spaces so lines stay within WIDTH, indenting continuations under the first word. */
function wrap(label: string, text: string): string[] {
  const lines: string[] = [];
  let line = label;
  let empty = true;
  for (const word of text.split(' ')) {
    if (!empty && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = ' '.repeat(label.length);
      empty = true;
    }
    line += empty ? word : ` ${word}`;
    empty = false;
  }
  lines.push(line);
  return lines;
}
