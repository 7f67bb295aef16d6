import { api, type LiveEvent, type PatternFigures } from '../api.js';
import { h } from '../dom.js';

const seconds = (ms: number) => (ms < 1_000 ? `${Math.round(ms)} ms` : `${(ms / 1_000).toFixed(1)} s`);

/** Names are what a learner compares here (which modules, ports, services), so they are listed, not just counted. */
const structureOf = ({ structure }: PatternFigures): string =>
  structure.length === 0
    ? '–'
    : structure.map(({ unit, names }) => `${unit}: ${names.length} (${names.join(', ')})`).join('; ');

/** `database × 5, broker × 1`: kinds and protocols as the topology names them. */
const counted = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([name, count]) => `${name} × ${count}`)
    .join(', ');

function topologyOf({ topology }: PatternFigures): string {
  if (!topology) return '–';
  const { processes, infrastructure, edges } = topology;
  return [
    `${processes} ${processes === 1 ? 'process' : 'processes'}`,
    counted(infrastructure),
    `edges: ${counted(edges)}`,
  ]
    .filter(Boolean)
    .join('; ');
}

function unitTestsOf(figures: PatternFigures, tested: boolean): [count: string, time: string] {
  if (!tested) return ['not run yet', '–'];
  const run = figures.unitTests;
  if (!run) return ['not declared', '–'];
  if (run.files.length === 0) return ['none declared', '–'];
  const count = [`${run.passed} of ${run.tests} passed`, run.failed > 0 && `${run.failed} FAILED`]
    .filter(Boolean)
    .join(', ');
  return [count, `${seconds(run.wallMs)} (${seconds(run.inTestsMs)} in tests)`];
}

/**
 * `journey compare`'s code figures for every built pattern, in the compare view. The structural ones
 * come at once; the unit tests run vitest on the server, so they wait for a click and say what they do.
 */
export function codeFigures() {
  const known = new Map<string, PatternFigures>();
  const tested = new Set<string>();
  let shown: string[] = [];
  let running = false;

  const table = h('div', { class: 'table-scroll' });
  const status = h('p', { class: 'muted code-status', 'aria-live': 'polite' });
  const button = h('button', { type: 'button', onclick: () => runUnitTests() }, 'Run the unit tests');
  const element = h(
    'section',
    { 'aria-labelledby': 'code-heading' },
    h('h2', { id: 'code-heading' }, 'Code figures'),
    h(
      'p',
      { class: 'muted' },
      'What `journey compare --no-bench` reads from every built pattern: files and code lines (no blank or comment-only lines) in the source folders it declares, how it is organised, what it runs as (its topology: processes, infrastructure, edges by protocol), and broken dependency rules (`journey check`). The unit tests each pattern declares run on a click (vitest, a few seconds each).',
    ),
    table,
    h('p', { class: 'buttons' }, button),
    status,
  );

  function render() {
    const rows = shown.flatMap((pattern) => known.get(pattern) ?? []);
    button.disabled = running || shown.length === 0;
    if (rows.length === 0) {
      table.replaceChildren(
        h('p', { class: 'muted' }, shown.length ? 'Reading the code…' : 'No pattern is built yet.'),
      );
      return;
    }
    const header = [
      'Pattern',
      'Source files',
      'Code lines',
      'Structure',
      'Runs as',
      'Rule violations',
      'Unit tests',
      'Unit-test time',
    ];
    table.replaceChildren(
      h(
        'table',
        { class: 'code-figures' },
        h('thead', {}, h('tr', {}, ...header.map((c) => h('th', { scope: 'col' }, c)))),
        h(
          'tbody',
          {},
          ...rows.map((figures) => {
            const [count, time] = unitTestsOf(figures, tested.has(figures.pattern));
            return h(
              'tr',
              {},
              h('th', { scope: 'row' }, figures.pattern),
              h('td', {}, figures.files),
              h('td', {}, figures.codeLines),
              h('td', {}, structureOf(figures)),
              h('td', {}, topologyOf(figures)),
              h('td', {}, figures.violations ?? 'no rules'),
              h('td', {}, count),
              h('td', {}, time),
            );
          }),
        ),
      ),
    );
  }

  function runUnitTests() {
    running = true;
    status.textContent = `Running the unit tests of ${shown.join(', ')}…`;
    render();
    void api
      .unitTests(shown)
      .then(
        ({ patterns }) => {
          for (const figures of patterns) {
            known.set(figures.pattern, figures);
            tested.add(figures.pattern);
          }
          status.textContent = 'Unit tests run.';
        },
        (failure: Error) => {
          status.textContent = `The unit tests could not run: ${failure.message}`;
        },
      )
      .finally(() => {
        running = false;
        render();
      });
  }

  return {
    element,
    /** Shows the patterns' figures, asking the server for those it has not read yet. */
    show(patterns: string[]) {
      shown = patterns;
      render();
      const missing = patterns.filter((pattern) => !known.has(pattern));
      if (missing.length === 0) return;
      api.codeFigures(missing).then(
        ({ patterns: figures }) => {
          for (const f of figures) if (!known.has(f.pattern)) known.set(f.pattern, f);
          render();
        },
        (failure: Error) => {
          status.textContent = `Could not read the code figures: ${failure.message}`;
        },
      );
    },
    /** Says why no figures can be shown. */
    unavailable(reason: string) {
      status.textContent = reason;
    },
    /** Progress of a unit-test run, from the event stream. */
    onEvent(event: LiveEvent) {
      if (event.kind === 'compare' && running) status.textContent = event.message;
    },
  };
}
