import { api, type PatternRun } from '../../api.js';
import { h } from '../../dom.js';
import { topologyDiagram } from '../topology-diagram.js';
import { infrastructurePickers } from './infrastructure-pickers.js';
import { processTable } from './process-table.js';
import { isActive, type StageState } from './stage-state.js';
import { trafficPanel } from './traffic.panel.js';

const RUN_LABEL: Record<PatternRun['state'], string> = {
  stopped: 'Stopped',
  starting: 'Starting…',
  running: 'Running',
  stopping: 'Stopping…',
  elsewhere: 'Running (started by `journey up` in a terminal)',
  failed: 'Failed to start',
};

/**
 * "Run it": the run's state, start (on the chosen infrastructure) and stop, the live topology diagram,
 * the processes, and the traffic between them when a process reports it.
 */
export function runPanel(state: StageState) {
  const { pattern } = state;
  const status = h('p', { class: 'run-status' });
  const pickers = infrastructurePickers(pattern.infrastructureChoices);
  const startButton = h(
    'button',
    {
      type: 'button',
      onclick: () =>
        void state.act(`Starting ${pattern.slug}`, () => api.start(pattern.slug, pickers.chosen())),
    },
    'Start',
  );
  const stopButton = h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      onclick: () => void state.act(`Stopping ${pattern.slug}`, () => api.stop(pattern.slug)),
    },
    'Stop',
  );
  const diagram = pattern.graph ? topologyDiagram(pattern.graph) : undefined;
  const processes = processTable(state);
  const traffic = trafficPanel(state);

  const element = h(
    'section',
    { 'aria-labelledby': 'run-heading' },
    h('h2', { id: 'run-heading' }, 'Run it'),
    status,
    h('p', { class: 'buttons' }, ...pickers.fields, startButton, stopButton),
    state.error,
    diagram?.element ?? null,
    processes.element,
    traffic.element,
  );

  return {
    element,
    render() {
      const { run, busy } = state;
      const active = isActive(run);
      status.replaceChildren(
        h(
          'span',
          {},
          h('strong', { 'data-run-state': run.state }, RUN_LABEL[run.state]),
          active && run.url
            ? h(
                'span',
                {},
                ' · API at ',
                h('a', { href: `${run.url}/api/articles?limit=5` }, `${run.url}/api`),
              )
            : null,
          run.infrastructureDescribed
            ? h('span', { class: 'muted' }, ` · ${run.infrastructureDescribed}`)
            : null,
          run.error ? h('span', { class: 'error' }, ` · ${run.error}`) : null,
        ),
      );
      startButton.disabled = busy || !(run.state === 'stopped' || run.state === 'failed');
      pickers.disable(startButton.disabled);
      stopButton.disabled = busy || !active;
      diagram?.update(run);
      processes.render();
      traffic.render();
    },
    mount: () => diagram?.mount(),
    destroy: () => diagram?.destroy(),
  };
}
