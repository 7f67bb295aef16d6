import type { TradeOffCardAnswer } from '../../../server/trade-off-card.routes.js';
import { h } from '../../dom.js';

type Card = TradeOffCardAnswer['card'];

/**
 * `tradeOffCardPanel(slug, load)`: the pattern's trade-off card — its figures from the latest compare
 * run that measured it, ranked among that run's patterns and set against the first stage's, the latest
 * chaos verdict of each fault kind, and what is not measured yet with the command that measures it.
 * Like the migration panel it returns its section at once and fills it when `load` answers.
 */
export function tradeOffCardPanel(
  slug: string,
  load: (slug: string) => Promise<TradeOffCardAnswer>,
): HTMLElement {
  const body = h(
    'div',
    { class: 'trade-off-card', 'aria-live': 'polite' },
    h('p', { class: 'muted' }, 'Reading the stored compare and chaos runs…'),
  );
  load(slug).then(
    ({ card }) => {
      body.replaceChildren(
        ...(card.compare ? compareBlock(card.pattern, card.compare) : []),
        ...(card.chaos.length > 0 ? chaosBlock(card.chaos) : []),
        ...card.notes.map((note) => h('p', { class: 'notice' }, note)),
        missingBlock(card.missing),
      );
      body.dataset.measured = String(card.compare !== null || card.chaos.length > 0);
    },
    (error: Error) =>
      body.replaceChildren(
        h('p', { role: 'alert' }, `The trade-off card could not be read: ${error.message}`),
      ),
  );
  return h(
    'section',
    { 'aria-labelledby': 'trade-off-card-heading' },
    h('h2', { id: 'trade-off-card-heading' }, 'Trade-off card, from your latest runs'),
    body,
  );
}

const headerRow = (...cells: string[]) =>
  h('thead', {}, h('tr', {}, ...cells.map((cell) => h('th', { scope: 'col' }, cell))));

function compareBlock(pattern: string, compare: NonNullable<Card['compare']>): HTMLElement[] {
  return [
    h(
      'p',
      {},
      `Measured ${compare.when} on ${compare.on} by `,
      h('code', {}, compare.command),
      `${compare.workloadShown ? ` (${compare.workloadShown})` : ''}, database ${compare.database}; ranked among ${compare.patterns.join(', ')}.`,
    ),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'card-figures' },
        h('caption', {}, 'Rank 1 is the most throughput, and the least of every other figure'),
        headerRow('figure', pattern, 'rank in the run', `× the ${compare.reference}`),
        h(
          'tbody',
          {},
          ...compare.figures.map((figure) =>
            h(
              'tr',
              { 'data-figure': figure.key },
              h('th', { scope: 'row' }, figure.label),
              h('td', {}, figure.shown),
              h('td', {}, figure.rankShown),
              h('td', {}, figure.timesReferenceShown),
            ),
          ),
        ),
      ),
    ),
  ];
}

function chaosBlock(chaos: Card['chaos']): HTMLElement[] {
  return [
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'card-chaos' },
        h('caption', {}, 'Chaos: the latest run of each fault kind'),
        headerRow('fault', 'target', 'verdict', 'availability during', 'p99 during', 'measured', 'by'),
        h(
          'tbody',
          {},
          ...chaos.map((run) =>
            h(
              'tr',
              { 'data-kind': run.kind, title: run.hypothesis },
              h('th', { scope: 'row' }, run.kind),
              h('td', {}, run.target),
              h('td', { class: run.verdict === 'confirmed' ? 'verdict ok' : 'verdict failed' }, run.verdict),
              h('td', {}, run.availabilityShown),
              h('td', {}, run.p99Shown),
              h('td', { title: run.on }, `${run.when} on ${run.machine.hostname}`),
              h('td', {}, h('code', {}, run.command)),
            ),
          ),
        ),
      ),
    ),
    ...chaos
      .filter((run) => run.verdict === 'refuted')
      .map((run) =>
        h(
          'p',
          { class: 'verdict failed' },
          `${run.kind} ${run.target} refuted: ${run.because ?? 'the hypothesis did not hold'}`,
          run.brokenInvariants.length > 0 ? ` (broken: ${run.brokenInvariants.join(', ')})` : null,
        ),
      ),
  ];
}

function missingBlock(missing: Card['missing']): HTMLElement {
  if (missing.length === 0) return h('p', { class: 'muted' }, 'Every figure and fault kind has a run.');
  return h(
    'ul',
    { class: 'card-missing' },
    ...missing.map(({ what, command }) => h('li', {}, `${what}: `, h('code', {}, command))),
  );
}
