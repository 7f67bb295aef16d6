import type { CardChaos, CardCompare, TradeOffCard } from './trade-off-card.js';

/** A table cell: a `|` inside would end it. */
const cell = (text: string) => text.replaceAll('|', '\\|');
const row = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
const code = (text: string) => `\`${text}\``;

function compareLines(pattern: string, compare: CardCompare): string[] {
  return [
    `**Workload**: measured ${compare.when} on ${compare.on} by ${code(compare.command)}` +
      `${compare.workloadShown ? ` (${compare.workloadShown})` : ''}, database ${compare.database}; ranked among ${compare.patterns.join(', ')}.`,
    '',
    row(['figure', pattern, 'rank in the run', `× the ${compare.reference}`]),
    '|---|---:|---:|---:|',
    ...compare.figures.map((figure) =>
      row([figure.label, figure.shown, figure.rankShown, figure.timesReferenceShown]),
    ),
    '',
    'Rank 1 is the most throughput, and the least of every other figure.',
  ];
}

function chaosLines(chaos: CardChaos[], compare: CardCompare | null): string[] {
  const elsewhere = [...new Set(chaos.map((run) => run.on).filter((on) => on !== compare?.on))];
  const refuted = chaos.filter((run) => run.verdict === 'refuted');
  return [
    '**Chaos**: the latest run of each fault kind.',
    '',
    row(['fault', 'target', 'verdict', 'availability during', 'p99 during', 'measured', 'by']),
    '|---|---|---|---:|---:|---|---|',
    ...chaos.map((run) =>
      row([
        run.kind,
        run.target,
        run.verdict,
        run.availabilityShown,
        run.p99Shown,
        `${run.when} on ${run.machine.hostname}`,
        code(run.command),
      ]),
    ),
    ...(refuted.length > 0 || elsewhere.length > 0 ? [''] : []),
    ...refuted.map(
      (run) =>
        `- ${run.kind} ${run.target} refuted: ${run.because ?? 'the hypothesis did not hold'}` +
        `${run.brokenInvariants.length > 0 ? ` (broken: ${run.brokenInvariants.join(', ')})` : ''}.`,
    ),
    ...elsewhere.map((on) => `- Chaos measured on ${on}.`),
  ];
}

/**
 * The card as Markdown: the README's marked section and what `journey cards` prints. It holds no time
 * of its own, so writing it again from the same runs gives the same text.
 */
export function tradeOffCardMarkdown(card: TradeOffCard): string {
  if (!card.compare && card.chaos.length === 0)
    return `No runs yet: run \`journey compare all\` and \`journey chaos ${card.pattern} …\`, then \`journey cards --write\`.`;
  const blocks: string[][] = [];
  if (card.compare) blocks.push(compareLines(card.pattern, card.compare));
  if (card.chaos.length > 0) blocks.push(chaosLines(card.chaos, card.compare));
  if (card.notes.length > 0) blocks.push(card.notes.map((note) => `> ${note}`));
  if (card.missing.length > 0)
    blocks.push([
      '**Not measured yet**:',
      '',
      ...card.missing.map(({ what, command }) => `- ${what}: ${code(command)}`),
    ]);
  return blocks.map((lines) => lines.join('\n')).join('\n\n');
}
