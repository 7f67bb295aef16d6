import type { MigrationAnswer } from '../../../server/migration.routes.js';
import { h } from '../../dom.js';

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
  const element = h(
    'section',
    { 'aria-labelledby': 'migration-heading' },
    h('h2', { id: 'migration-heading' }, 'From the stage before'),
    body,
  );
  load(slug).then(
    ({ migration }) => {
      if (!migration) {
        body.replaceChildren(
          h(
            'p',
            { class: 'muted' },
            'The first built stage of the journey: there is nothing before it to compare with.',
          ),
        );
        return;
      }
      const count = (value: number) => value.toLocaleString('en-US');
      const rows: Array<[what: string, before: number, after: number]> = [
        ['processes', migration.processes.before.length, migration.processes.after.length],
        ['deployable units', migration.deployableUnits.before, migration.deployableUnits.after],
        ...migration.infrastructure.map((change): [string, number, number] => [
          change.kind,
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
      body.replaceChildren(
        h(
          'p',
          {},
          `Compared with ${migration.previous}, the stage before it in the suggested order that is built.`,
          migration.skipped.length > 0
            ? ` ${migration.skipped.join(', ')} ${migration.skipped.length === 1 ? 'comes' : 'come'} in between but ${migration.skipped.length === 1 ? 'is' : 'are'} not built yet.`
            : null,
        ),
        h(
          'div',
          { class: 'table-scroll' },
          h(
            'table',
            { class: 'figures', 'data-migration': `${migration.previous}→${migration.stage}` },
            h(
              'caption',
              {},
              `${migration.previous} → ${migration.stage}, from the two topology files and code trees`,
            ),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', { scope: 'col' }, ''),
                h('th', { scope: 'col' }, migration.previous),
                h('th', { scope: 'col' }, migration.stage),
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
        ),
        h('ul', { class: 'migration-summary' }, ...migration.summary.map((line) => h('li', {}, line))),
      );
    },
    (error: Error) => {
      body.replaceChildren(
        h('p', { role: 'alert' }, `The comparison with the stage before could not be read: ${error.message}`),
      );
    },
  );
  return element;
}
