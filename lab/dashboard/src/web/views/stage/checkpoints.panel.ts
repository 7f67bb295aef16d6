import { api, type CheckpointRun, type CheckpointView, type CheckRun } from '../../api.js';
import { announce, h } from '../../dom.js';

/** Enough of a run's output to follow it; the full output is the terminal's. */
const SHOWN_LINES = 60;

const when = (iso: string) => iso.slice(0, 19).replace('T', ' ');

/** One recorded run of a command, as `journey roadmap <stage>` shows it. */
function runLine(command: string, run: CheckRun | null): HTMLElement {
  if (!run)
    return h(
      'li',
      { class: 'not-run' },
      h('span', { 'aria-hidden': 'true' }, '○ '),
      h('code', {}, command),
      ' — not run yet',
    );
  return h(
    'li',
    { class: run.passed ? 'ok' : 'failed' },
    h('span', { 'aria-hidden': 'true' }, run.passed ? '✓ ' : '✗ '),
    h('span', { class: 'visually-hidden' }, run.passed ? 'passed: ' : 'failed: '),
    h('code', {}, command),
    ` — ${when(run.at)} UTC`,
    run.detail ? `, ${run.detail}` : '',
    h('span', { class: 'muted' }, ` (code ${run.code}, from the ${run.via})`),
  );
}

/**
 * The stage's checkpoints, each with the command lines that earn it, the last recorded run of each, and a
 * Run button that runs those commands through the real CLI (which records them, as in a terminal). The
 * output of the run under way is shown live; when it ends the list is read again from the progress store.
 */
export function checkpointsPanel(slug: string, initial: CheckpointView[], initialRuns: CheckpointRun[]) {
  let checkpoints = initial;
  const runs = new Map(initialRuns.map((run) => [run.checkpoint, run]));
  const list = h('ol', { class: 'checkpoint-list' });
  const error = h('p', { class: 'error', role: 'alert' });

  const anyRunning = () => [...runs.values()].some((run) => run.state === 'running');

  const outputOf = (run: CheckpointRun | undefined) => {
    if (!run) return null;
    const exits = run.commands
      .map((c) => `${c.line}: ${c.state === 'finished' ? c.exit : c.state}`)
      .join(' · ');
    return h(
      'div',
      { class: 'checkpoint-run', 'data-state': run.state },
      h(
        'p',
        { class: run.state === 'running' ? 'muted' : run.succeeded ? 'verdict ok' : 'verdict failed' },
        run.state === 'running' ? `Running… ${exits}` : `Finished: ${exits}`,
      ),
      h('pre', { class: 'log', tabindex: 0 }, run.output.slice(-SHOWN_LINES).join('\n')),
    );
  };

  function render() {
    const busy = anyRunning();
    list.replaceChildren(
      ...checkpoints.map((checkpoint) => {
        const run = runs.get(checkpoint.id);
        return h(
          'li',
          {
            class: 'checkpoint',
            'data-checkpoint': checkpoint.id,
            'data-passed': checkpoint.passed ? 'yes' : 'no',
          },
          h(
            'h3',
            {},
            h('span', { 'aria-hidden': 'true' }, checkpoint.passed ? '✓ ' : '○ '),
            h('span', { class: 'visually-hidden' }, checkpoint.passed ? 'earned: ' : 'not earned: '),
            checkpoint.id,
          ),
          h('p', {}, checkpoint.description),
          h('p', { class: 'muted' }, `Passing: ${checkpoint.passing}`),
          h('ul', { class: 'results' }, ...checkpoint.results.map((r) => runLine(r.command, r.run))),
          h(
            'p',
            { class: 'buttons' },
            h(
              'button',
              {
                type: 'button',
                class: 'secondary',
                disabled: busy,
                'aria-label': `Run ${checkpoint.id}`,
                onclick: () => void start(checkpoint.id),
              },
              'Run',
            ),
          ),
          outputOf(run),
        );
      }),
    );
  }

  async function start(id: string) {
    error.textContent = '';
    try {
      const run = await api.runCheckpoint(slug, id);
      runs.set(id, run);
      announce(`Running the checkpoint ${id}`);
      render();
    } catch (failure) {
      error.textContent = `The checkpoint ${id} could not run: ${(failure as Error).message}`;
    }
  }

  /** Reads the results again from the progress store, after a run anything on the page started has ended. */
  function refresh() {
    void api.roadmap().then(({ stages }) => {
      const stage = stages.find((s) => s.slug === slug);
      if (stage) checkpoints = stage.checkpoints;
      render();
    });
  }

  /** A run's new state from the event stream; once it ends, the results are read again. */
  function showRun(run: CheckpointRun) {
    runs.set(run.checkpoint, run);
    render();
    if (run.state === 'finished') {
      announce(`The checkpoint ${run.checkpoint} finished`);
      refresh();
    }
  }

  /** One line of the running command's output, appended without redrawing the list. */
  function appendOutput(checkpoint: string, line: string) {
    const run = runs.get(checkpoint);
    if (!run) return;
    run.output.push(line);
    const log = list.querySelector(`li[data-checkpoint="${checkpoint}"] .checkpoint-run pre`);
    if (log) log.textContent = run.output.slice(-SHOWN_LINES).join('\n');
  }

  render();
  const element = h(
    'section',
    { 'aria-labelledby': 'checkpoints-heading' },
    h('h2', { id: 'checkpoints-heading' }, 'Checkpoints'),
    h(
      'p',
      { class: 'muted' },
      'Each checkpoint is earned by the lab commands listed under it, whether you run them in a terminal or here: the last run of each counts. Run starts them one after another through the real ',
      h('code', {}, 'journey'),
      ' command.',
    ),
    error,
    list,
  );
  return { element, showRun, appendOutput, refresh };
}
