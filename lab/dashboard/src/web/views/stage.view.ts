import { api, live, type PatternView } from '../api.js';
import { h } from '../dom.js';
import type { View } from '../main.js';
import { aboutPanel } from './stage/about.panel.js';
import { benchPanel } from './stage/bench.panel.js';
import { checkpointsPanel } from './stage/checkpoints.panel.js';
import { conformancePanel } from './stage/conformance.panel.js';
import { exercisePanel } from './stage/exercise.panel.js';
import { experimentPanel } from './stage/experiment.panel.js';
import { hostedUnitsPanel } from './stage/hosted-units.panel.js';
import { logPanel } from './stage/log.panel.js';
import { migrationPanel } from './stage/migration.panel.js';
import { runPanel } from './stage/run.panel.js';
import { stageState } from './stage/stage-state.js';
import { tradeOffCardPanel } from './stage/trade-off-card.panel.js';

/**
 * One pattern: what it is, its checkpoints (with what earns them and a button that runs it), its
 * exercise, its live topology, start/stop, kill/restart, the units its processes host and their cost,
 * the conformance suite, the experiments, a quick benchmark and the log.
 */
export const stageView =
  (slug: string): View =>
  (container) => {
    container.append(h('p', { class: 'muted' }, 'Loading…'));
    let leave: (() => void) | undefined;
    api.pattern(slug).then(
      (pattern) => {
        const page = stagePage(pattern);
        container.replaceChildren(page.element);
        page.mounted();
        leave = page.leave;
      },
      (error: Error) => container.replaceChildren(h('p', { role: 'alert' }, error.message)),
    );
    return () => leave?.();
  };

/** The page's panels, drawn from the pattern as loaded and kept current by the live event stream. */
function stagePage(pattern: PatternView) {
  const state = stageState(pattern, () => renderControls());
  const run = runPanel(state);
  const conformance = conformancePanel(state);
  const experiment = experimentPanel(state);
  const hostedUnits = hostedUnitsPanel(state);
  const bench = benchPanel(pattern);
  const log = logPanel(pattern);
  const checkpoints = checkpointsPanel(pattern.slug, pattern.checkpoints, pattern.checkpointRuns);
  /** Redraws every control that depends on the run or on an action under way. */
  function renderControls() {
    run.render();
    conformance.render();
    experiment.render();
    hostedUnits.render();
  }

  const built = pattern.graph !== null;
  const element = h(
    'article',
    { class: 'stage-page' },
    aboutPanel(pattern),
    built ? migrationPanel(pattern.slug, api.migration) : null,
    tradeOffCardPanel(pattern.slug, api.tradeOffCard),
    checkpoints.element,
    exercisePanel(pattern),
    built ? run.element : notBuiltNotice(),
    hostedUnits.element,
    built ? conformance.element : null,
    experiment.element,
    built ? bench.element : null,
    built ? log.element : null,
  );

  renderControls();
  if (pattern.conformance) conformance.show(pattern.conformance);
  if (pattern.experiment) experiment.show(pattern.experiment);
  if (pattern.bench) bench.show(pattern.bench);
  const unsubscribe = live((event) => {
    if (event.kind === 'run' && event.run.pattern === pattern.slug) {
      state.run = event.run;
      renderControls();
    } else if (event.kind === 'log' && event.pattern === pattern.slug) log.append(event);
    else if (event.kind === 'conformance' && event.run.pattern === pattern.slug) {
      conformance.show(event.run);
      // Its verdict was recorded as a `journey test` run: the checkpoints it earns may have changed.
      if (event.run.state === 'finished') checkpoints.refresh();
    } else if (event.kind === 'experiment' && event.run.pattern === pattern.slug) {
      experiment.show(event.run);
      if (event.run.state === 'finished') checkpoints.refresh();
    } else if (event.kind === 'bench' && event.run.pattern === pattern.slug) bench.show(event.run);
    else if (event.kind === 'checkpoint-run' && event.run.stage === pattern.slug)
      checkpoints.showRun(event.run);
    else if (event.kind === 'checkpoint-output' && event.stage === pattern.slug)
      checkpoints.appendOutput(event.checkpoint, event.line);
  });
  return {
    element,
    mounted: () => run.mount(),
    leave: () => {
      unsubscribe();
      run.destroy();
    },
  };
}

const notBuiltNotice = () =>
  h(
    'p',
    { class: 'notice' },
    'This pattern is not built yet: it arrives in a later issue. Its objectives are on the ',
    h('a', { href: '#/' }, 'roadmap'),
    '.',
  );
