export const CARD_START = '<!-- trade-off-card:start -->';
export const CARD_END = '<!-- trade-off-card:end -->';

/** Written under the start marker, so a reader of the Markdown source knows not to edit the section. */
const WRITTEN_BY =
  '<!-- Written by `journey cards --write` from the latest stored compare and chaos runs; edits here are overwritten. -->';

/** A README whose markers are missing, doubled or out of order: the lab will not guess where the card goes. */
export class CardMarkersError extends Error {}

/**
 * The README with the text between its trade-off-card markers replaced by `body`; every byte outside
 * the markers stays as it was, and writing the same body again gives the same file.
 */
export function withTradeOffCard(readme: string, body: string, file = 'README.md'): string {
  const start = readme.indexOf(CARD_START);
  const end = readme.indexOf(CARD_END);
  const count = (marker: string) => readme.split(marker).length - 1;
  if (start === -1 || end === -1 || end < start || count(CARD_START) > 1 || count(CARD_END) > 1)
    throw new CardMarkersError(
      `${file}: needs one "${CARD_START}" followed by one "${CARD_END}" where the trade-off card goes`,
    );
  const section = `${CARD_START}\n${WRITTEN_BY}\n\n${body.trim()}\n\n`;
  return readme.slice(0, start) + section + readme.slice(end);
}
