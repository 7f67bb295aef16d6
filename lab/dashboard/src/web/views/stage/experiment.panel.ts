import { api, type ExperimentRun } from '../../api.js';
import { h } from '../../dom.js';
import { isActive, type StageState } from './stage-state.js';

/** The failure experiments the topology file declares: run one, follow it, read its verdict. */
export function experimentPanel(state: StageState) {
  const { pattern } = state;
  let running = pattern.experiment?.state === 'running';
  const buttons = pattern.experiments.map((experiment) =>
    h(
      'button',
      {
        type: 'button',
        class: 'danger',
        onclick: () =>
          void api.experiment(pattern.slug, experiment.name).then(show, (failure: Error) => {
            state.error.textContent = `The experiment could not start: ${failure.message}`;
          }),
      },
      `Run “${experiment.name}”: ${experiment.title}`,
    ),
  );
  const progress = h('ol', { class: 'experiment-progress', 'aria-live': 'polite' });
  const outcome = h('div', { class: 'experiment-outcome' });

  const render = () => {
    for (const button of buttons) button.disabled = state.busy || !isActive(state.run) || running;
  };

  function show(experiment: ExperimentRun) {
    running = experiment.state === 'running';
    progress.replaceChildren(...experiment.progress.map((line) => h('li', {}, line)));
    const held = experiment.mismatches?.length === 0;
    outcome.replaceChildren(
      h(
        'div',
        {},
        experiment.report ? h('pre', { class: 'log', tabindex: 0 }, experiment.report) : null,
        experiment.lesson ? h('p', { class: 'lead' }, experiment.lesson) : null,
        experiment.state === 'finished'
          ? h(
              'p',
              {
                class: held ? 'verdict ok' : 'verdict failed',
                'data-verdict': held ? 'held' : 'differed',
              },
              experiment.error
                ? `The experiment failed: ${experiment.error}`
                : held
                  ? `✓ “${experiment.name}”: the outcome matches what the topology predicts.`
                  : `✗ “${experiment.name}”: the outcome differs from the prediction: ${experiment.mismatches!.join('; ')}`,
            )
          : null,
      ),
    );
    render();
  }

  const element =
    buttons.length > 0
      ? h(
          'section',
          { 'aria-labelledby': 'experiment-heading' },
          h('h2', { id: 'experiment-heading' }, 'Failure experiment'),
          h(
            'p',
            { class: 'muted' },
            'Probe load, writes included, runs against every capability while the fault is injected (a process killed, the broker cut off, answers lost on the way back) and lifted; then every write is read back: nothing acknowledged may be lost, no error may be answered for a stored write, no retry may store it twice. The outcome is judged against the prediction in the topology file.',
          ),
          h('p', { class: 'buttons' }, ...buttons),
          progress,
          outcome,
        )
      : null;
  return { element, render, show };
}
