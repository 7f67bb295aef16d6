import { api, type BenchRun, type PatternView } from '../../api.js';
import { h } from '../../dom.js';
import { benchTable } from '../bench-table.js';

/** A quick `journey bench` of the pattern next to the baselines, saved to the history Compare shows. */
export function benchPanel(pattern: PatternView) {
  const quick = pattern.benchSettings;
  const button = h(
    'button',
    {
      type: 'button',
      onclick: () =>
        void api.benchPattern(pattern.slug).then(show, (failure: Error) => {
          outcome.replaceChildren(
            h(
              'p',
              { class: 'verdict failed', role: 'alert' },
              `The benchmark could not start: ${failure.message}`,
            ),
          );
        }),
    },
    'Run a quick benchmark',
  );
  const seed = h('progress', { max: 1, value: 0, hidden: true, 'aria-label': 'Seeding progress' });
  const progress = h('ol', { class: 'bench-progress', 'aria-live': 'polite' });
  const outcome = h('div', { class: 'bench-outcome' });

  function show(bench: BenchRun) {
    button.disabled = bench.state === 'running';
    seed.hidden = bench.seed === null;
    if (bench.seed) {
      seed.max = bench.seed.total;
      seed.value = bench.seed.done;
    }
    progress.replaceChildren(
      ...bench.progress.map((line) => h('li', {}, line)),
      ...(bench.seed ? [h('li', {}, `seeding: ${bench.seed.done} of ${bench.seed.total}`)] : []),
    );
    outcome.replaceChildren(
      h(
        'div',
        {},
        bench.report
          ? h(
              'div',
              { class: 'table-scroll' },
              benchTable(bench.report.rows, {
                caption: `Benchmark of ${bench.pattern} next to the baselines measured in the same run, ${bench.report.at.slice(0, 19)}`,
              }),
            )
          : null,
        bench.file
          ? h(
              'p',
              { class: 'muted' },
              `Saved to ${bench.file}; it is in the history of `,
              h('a', { href: '#/compare' }, 'Compare'),
              '.',
            )
          : null,
        bench.error ? h('p', { class: 'verdict failed' }, `The benchmark failed: ${bench.error}`) : null,
      ),
    );
  }

  const element = h(
    'section',
    { 'aria-labelledby': 'bench-heading' },
    h('h2', { id: 'bench-heading' }, 'Benchmark'),
    h(
      'p',
      { class: 'muted' },
      `A quick \`journey bench ${pattern.slug}\`: a fresh copy on its own ${quick.db} database (the copy you started is left alone), ` +
        `${quick.users} users and ${quick.articles} articles seeded, then the rows ${(quick.only ?? []).join(', ')} ` +
        `next to the baselines: ${quick.rounds} round of ${quick.durationSec} s after ${quick.warmupSec} s warm-up, ` +
        `${quick.connections} connections. Reads are shown as a share of (b), writes of (c), with the CPU time the pattern's processes spent per request. ` +
        'About forty seconds; one benchmark at a time. For careful figures run it in a terminal with more rounds. ' +
        'This quick run records no checkpoint: the baseline checkpoint needs a full `journey bench`; run it from the checkpoint list.',
    ),
    h('p', { class: 'buttons' }, button),
    seed,
    progress,
    outcome,
  );
  return { element, show };
}
