import type { MigrationAnswer } from '../../../server/migration.routes.js';
import { h } from '../../dom.js';

type StageMigration = NonNullable<MigrationAnswer['migration']>;

/**
 * `migrationPanel(slug, load)`: what changed from the previous built stage to this one, as a small
 * table before → after and the plain lines of `GET /api/patterns/:slug/migration`. It returns its
 * section at once and fills it when `load` answers (pass `api.migration`, the GET of that route), so
 * the stage page does not wait for it. For the first built stage it says there is nothing before it.
 */
export function migrationPanel(slug: string, load: (slug: string) => Promise<MigrationAnswer>): HTMLElement {
  const body = h(
    'div',
    { class: 'migration', 'aria-live': 'polite' },
    h('p', { class: 'muted' }, 'Reading both topologies and code trees…'),
  );
  load(slug).then(
    ({ migration }) =>
      body.replaceChildren(
        ...(migration
          ? [comparedWith(migration), migrationTable(migration), summaryList(migration)]
          : [
              h(
                'p',
                { class: 'muted' },
                'The first built stage of the journey: there is nothing before it to compare with.',
              ),
            ]),
      ),
    (error: Error) =>
      body.replaceChildren(
        h('p', { role: 'alert' }, `The comparison with the stage before could not be read: ${error.message}`),
      ),
  );
  return h(
    'section',
    { 'aria-labelledby': 'migration-heading' },
    h('h2', { id: 'migration-heading' }, 'From the stage before'),
    body,
  );
}

/** Which stage this one is compared with, and the unbuilt ones skipped on the way. */
function comparedWith({ previous, skipped }: StageMigration): HTMLElement {
  const one = skipped.length === 1;
  return h(
    'p',
    {},
    `Compared with ${previous}, the nearest stage before it in the suggested order that is built.`,
    skipped.length > 0
      ? ` ${skipped.join(', ')} ${one ? 'comes' : 'come'} in between but ${one ? 'is' : 'are'} not built yet.`
      : null,
  );
}

const plural = (noun: string) => (noun.endsWith('s') ? `${noun}es` : `${noun}s`);
const count = (value: number) => value.toLocaleString('en-US');

/** One row per figure, the changed ones marked (`data-changed`) and their new value in bold. */
function migrationTable(migration: StageMigration): HTMLElement {
  const rows: Array<[what: string, before: number, after: number]> = [
    ['processes', migration.processes.before.length, migration.processes.after.length],
    ['deployable units', migration.deployableUnits.before, migration.deployableUnits.after],
    ...migration.infrastructure.map((change): [string, number, number] => [
      plural(change.kind),
      change.before.length,
      change.after.length,
    ]),
    ...migration.edges.map((edge): [string, number, number] => [
      `${edge.protocol} edges`,
      edge.before,
      edge.after,
    ]),
    ['files', migration.files.before, migration.files.after],
    ['code lines', migration.codeLines.before, migration.codeLines.after],
  ];
  const { previous, stage } = migration;
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: 'figures', 'data-migration': `${previous}→${stage}` },
      h('caption', {}, `${previous} → ${stage}, from the two topology files and code trees`),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, ''),
          h('th', { scope: 'col' }, previous),
          h('th', { scope: 'col' }, stage),
        ),
      ),
      h(
        'tbody',
        {},
        ...rows.map(([what, before, after]) =>
          h(
            'tr',
            { 'data-changed': before !== after },
            h('th', { scope: 'row' }, what),
            h('td', {}, count(before)),
            h('td', {}, before === after ? count(after) : h('strong', {}, count(after))),
          ),
        ),
      ),
    ),
  );
}

function summaryList({ summary }: StageMigration): HTMLElement {
  return h('ul', { class: 'migration-summary' }, ...summary.map((line) => h('li', {}, line)));
}
