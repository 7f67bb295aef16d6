import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  CardMarkersError,
  type TradeOffCard,
  tradeOffCardMarkdown,
  tradeOffCards,
  withTradeOffCard,
} from '@journey/orchestrator/results';
import { isPatternSlug, PATTERN_SLUGS, repoRoot } from '@journey/orchestrator/runtime';
import { parse, UsageError } from '../usage.js';

/**
 * `journey cards [pattern…] [--write]`: each pattern's trade-off card, filled from the latest compare
 * and chaos runs stored in the data directory. `--write` puts each card between the trade-off-card
 * markers of patterns/<slug>/README.md, and leaves the rest of the file as it was.
 */
export async function cards(args: string[]): Promise<number> {
  const { positionals, values } = parse(args, { write: { type: 'boolean' } }, 'cards');
  const unknown = positionals.filter((name) => !isPatternSlug(name));
  if (unknown.length > 0)
    throw new UsageError(`journey cards: unknown pattern "${unknown[0]}"`, PATTERN_SLUGS);
  const patterns = positionals.length > 0 ? [...new Set(positionals)] : PATTERN_SLUGS;
  const built = tradeOffCards(patterns);
  for (const card of built) console.log(`## ${card.pattern}\n\n${tradeOffCardMarkdown(card)}\n`);
  if (!values.write) return 0;
  try {
    for (const { file, changed } of writeTradeOffCards(built)) {
      console.log(`${changed ? 'wrote' : 'unchanged'} ${relative(process.cwd(), file) || file}`);
    }
  } catch (error) {
    if (!(error instanceof CardMarkersError)) throw error;
    console.error(`journey cards --write: ${error.message}`);
    return 1;
  }
  return 0;
}

/**
 * Rewrites the marked section of each card's README under `root` (the repository), all checked before
 * any is written, so a README without markers leaves every file untouched. Returns which changed.
 */
export function writeTradeOffCards(built: TradeOffCard[], root = repoRoot) {
  const planned = built.map((card) => {
    const file = join(root, 'patterns', card.pattern, 'README.md');
    const before = readFileSync(file, 'utf8');
    const after = withTradeOffCard(before, tradeOffCardMarkdown(card), relative(root, file));
    return { file, changed: after !== before, after };
  });
  for (const { file, changed, after } of planned) if (changed) writeFileSync(file, after);
  return planned.map(({ file, changed }) => ({ file, changed }));
}
