import { api, type DeclaredExperiment, type ExperimentRun } from '../../api.js';
import { h } from '../../dom.js';
import { chaosPanel } from './chaos.panel.js';
import { isActive, type StageState } from './stage-state.js';

const KIND_TEXT = {
  fault:
    'Fault experiments (topology.ts): probe load, writes included, runs against every capability while the fault is injected (a process killed, the broker cut off, answers lost on the way back) and lifted; then every write is read back: nothing acknowledged may be lost, no error may be answered for a stored write, no retry may store it twice. They break the running copy, so start it first.',
  load: 'Load experiments (pattern.ts): a load only this pattern is about (a cold-start storm, a connection limit), put on fresh copies the lab starts and stops itself; the running copy, if any, is left alone.',
} as const;

/** The experiments the pattern declares, of both kinds: run one, follow it, read its figures and verdict. */
export function experimentPanel(state: StageState) {
  const { pattern } = state;
  let running = pattern.experiment?.state === 'running';
  const button = (experiment: DeclaredExperiment) =>
    h(
      'button',
      {
        type: 'button',
        class: experiment.kind === 'fault' && 'danger',
        'data-experiment-kind': experiment.kind,
        onclick: () =>
          void api.experiment(pattern.slug, experiment.name).then(show, (failure: Error) => {
            state.error.textContent = `The experiment could not start: ${failure.message}`;
          }),
      },
      `Run “${experiment.name}”: ${experiment.title}`,
    );
  const buttons = pattern.experiments.map((experiment) => ({ experiment, element: button(experiment) }));
  const progress = h('ol', { class: 'experiment-progress', 'aria-live': 'polite' });
  const outcome = h('div', { class: 'experiment-outcome' });

  const render = () => {
    for (const { experiment, element } of buttons)
      element.disabled = running || (experiment.kind === 'fault' && (state.busy || !isActive(state.run)));
  };

  function verdictLine(experiment: ExperimentRun): string {
    if (experiment.error) return `The experiment failed: ${experiment.error}`;
    if (experiment.kind === 'load')
      return `${experiment.held ? '✓' : '✗'} “${experiment.name}”: ${experiment.verdict}`;
    return experiment.held
      ? `✓ “${experiment.name}”: the outcome matches what the topology predicts.`
      : `✗ “${experiment.name}”: the outcome differs from the prediction: ${experiment.mismatches!.join('; ')}`;
  }

  function show(experiment: ExperimentRun) {
    running = experiment.state === 'running';
    progress.replaceChildren(...experiment.progress.map((line) => h('li', {}, line)));
    const held = experiment.held === true;
    outcome.replaceChildren(
      h(
        'div',
        {},
        experiment.report ? h('pre', { class: 'log', tabindex: 0 }, experiment.report) : null,
        experiment.state === 'finished'
          ? h(
              'p',
              {
                class: held ? 'verdict ok' : 'verdict failed',
                'data-verdict': held ? 'held' : 'differed',
              },
              verdictLine(experiment),
            )
          : null,
        experiment.lesson ? h('p', { class: 'lead' }, experiment.lesson) : null,
      ),
    );
    render();
  }

  const kinds = (['fault', 'load'] as const).filter((kind) =>
    buttons.some((b) => b.experiment.kind === kind),
  );
  const element =
    buttons.length > 0
      ? h(
          'section',
          { 'aria-labelledby': 'experiment-heading' },
          h('h2', { id: 'experiment-heading' }, 'Experiments'),
          ...kinds.flatMap((kind) => [
            h('p', { class: 'muted' }, KIND_TEXT[kind]),
            h(
              'p',
              { class: 'buttons' },
              ...buttons.filter((b) => b.experiment.kind === kind).map((b) => b.element),
            ),
          ]),
          progress,
          outcome,
        )
      : null;
  // Every pattern takes the chaos vocabulary, whether or not it declares experiments of its own.
  const chaos = chaosPanel(pattern.slug);
  return { element: element ? h('div', {}, element, chaos) : chaos, render, show };
}
