import type { PatternView } from '../../api.js';
import { h } from '../../dom.js';

/** The exercise the pattern declares: what to build, and the commands that give it a verdict. */
export function exercisePanel(pattern: PatternView): HTMLElement | null {
  const exercise = pattern.exercise;
  if (!exercise) return null;
  const command = (action: string) => h('code', {}, `journey exercise ${pattern.slug} ${action}`);
  return h(
    'section',
    { 'aria-labelledby': 'exercise-heading', class: 'exercise' },
    h('h2', { id: 'exercise-heading' }, `Exercise: ${exercise.title}`),
    // The task's lines are wrapped for a terminal (`journey exercise show`), not paragraphs of their own.
    h('p', {}, exercise.task.join(' ')),
    h(
      'p',
      { class: 'muted' },
      'In a terminal: ',
      command('start'),
      ' makes your own copy of the repository to work in, ',
      command('check'),
      ' gives the verdict (and earns the checkpoint that names it), ',
      command('show'),
      ' says where the copy is and how the last check went, ',
      command('reset'),
      ' starts over.',
    ),
  );
}
