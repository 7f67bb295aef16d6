import { api, runs, type StageView } from '../api.js';
import { announce, h } from '../dom.js';
import type { View } from '../main.js';

const STATUS_LABEL: Record<StageView['status'], string> = {
  'not started': 'Not started (not built yet)',
  runnable: 'Ready to start',
  'in progress': 'In progress',
  'done (earned)': 'Done (earned)',
  'done (marked)': 'Done (marked)',
};

const isDone = (stage: StageView) => stage.status === 'done (earned)' || stage.status === 'done (marked)';

/** The eight stages in the suggested order, with difficulty, objectives, checkpoints and the learner's progress. */
export const roadmapView: View = (container) => {
  container.append(h('h1', {}, 'Roadmap'), h('p', { class: 'muted' }, 'Loading the stages…'));
  const render = (stages: StageView[], progressFile: string) => {
    const earnedTotal = stages.reduce((n, s) => n + s.earned, 0);
    const checkpointTotal = stages.reduce((n, s) => n + s.checkpoints.length, 0);
    const doneCount = stages.filter(isDone).length;
    container.replaceChildren(
      h('h1', {}, 'Roadmap'),
      h(
        'p',
        { class: 'summary' },
        `${doneCount} of ${stages.length} stages done · ${earnedTotal} of ${checkpointTotal} checkpoints earned. `,
        h(
          'span',
          { class: 'muted' },
          `Progress is kept in ${progressFile}, shared with `,
          h('code', {}, 'journey roadmap'),
          '.',
        ),
      ),
      h(
        'ol',
        { class: 'stages' },
        ...stages.map((stage) => stageCard(stage, (next) => render(next, progressFile))),
      ),
    );
  };
  api.roadmap().then(
    ({ stages, progressFile }) => render(stages, progressFile),
    (error: Error) =>
      container.append(h('p', { role: 'alert' }, `Could not load the roadmap: ${error.message}`)),
  );
  return undefined;
};

function stageCard(stage: StageView, rerender: (stages: StageView[]) => void): HTMLElement {
  const run = runs.get(stage.slug);
  const mark = async () => {
    const action = stage.markedDone ? 'undo' : 'done';
    try {
      const { stages } = await api.mark(stage.slug, action);
      rerender(stages);
      announce(`${stage.title} ${action === 'done' ? 'marked done' : 'no longer marked done'}`);
    } catch (error) {
      announce(`Could not change ${stage.title}: ${(error as Error).message}`);
    }
  };
  const headingId = `stage-${stage.slug}`;
  return h(
    'li',
    {
      class: `stage status-${stage.status.replace(/[^a-z]+/g, '-').replace(/-$/, '')}${isDone(stage) ? ' status-done' : ''}`,
      'aria-labelledby': headingId,
      'data-stage': stage.slug,
    },
    h(
      'div',
      { class: 'stage-head' },
      h('span', { class: 'step', 'aria-hidden': 'true' }, stage.suggestedOrder),
      h('h2', { id: headingId }, h('a', { href: `#/stage/${stage.slug}` }, stage.title)),
    ),
    h(
      'p',
      { class: 'badges' },
      h('span', { class: `badge difficulty-${stage.difficulty.toLowerCase()}` }, stage.difficulty),
      h('span', { class: 'badge status', 'data-status': stage.status }, STATUS_LABEL[stage.status]),
      run && (run.state === 'running' || run.state === 'elsewhere')
        ? h('span', { class: 'badge running' }, 'Running')
        : null,
    ),
    h(
      'label',
      { class: 'progress-label' },
      `${stage.earned} of ${stage.checkpoints.length} checkpoints earned`,
      h('progress', { max: stage.checkpoints.length, value: stage.earned }),
    ),
    h(
      'details',
      {},
      h('summary', {}, 'Objectives and checkpoints'),
      h('ul', {}, ...stage.objectives.map((o) => h('li', {}, o))),
      h(
        'ul',
        { class: 'checkpoints' },
        ...stage.checkpoints.map((c) =>
          h(
            'li',
            {},
            h('span', { 'aria-hidden': 'true' }, c.passed ? '✓ ' : hasFailed(c) ? '✗ ' : '○ '),
            h(
              'span',
              { class: 'visually-hidden' },
              c.passed ? 'earned: ' : hasFailed(c) ? 'failed: ' : 'not earned yet: ',
            ),
            c.description,
            h('span', { class: 'muted' }, ` — ${c.earnedBy.join(' and ')}`),
          ),
        ),
      ),
    ),
    h(
      'button',
      { type: 'button', class: 'secondary', onclick: () => void mark() },
      stage.markedDone ? 'Undo “marked done”' : 'Mark done',
    ),
  );
}

const hasFailed = (checkpoint: StageView['checkpoints'][number]) =>
  checkpoint.results.some((r) => r.run && !r.run.passed);
