import type { InfrastructureChoice } from '../../api.js';
import { h } from '../../dom.js';

const labelOf = (kind: string) => `${kind.charAt(0).toUpperCase()}${kind.slice(1)} `;

/**
 * A select per kind of infrastructure the topology declares, offering what `journey up --<flag>`
 * would, the lab's default selected; Start sends what they say.
 */
export function infrastructurePickers(offered: readonly InfrastructureChoice[]) {
  const pickers = offered.map(({ kind, flag, choices, notes, defaultChoice }) => {
    const id = `${kind}-choice`;
    const select = h(
      'select',
      { id, title: `journey up --${flag}` },
      ...choices.map((choice) =>
        h(
          'option',
          { value: choice, selected: choice === defaultChoice },
          notes[choice] ? `${choice} (${notes[choice]})` : choice,
        ),
      ),
    );
    const field = h('span', { class: 'field' }, h('label', { for: id }, labelOf(kind)), select, ' ');
    return { kind, select, field };
  });
  return {
    fields: pickers.map((picker) => picker.field),
    /** Per kind, the choice selected now. */
    chosen: (): Record<string, string> =>
      Object.fromEntries(pickers.map((picker) => [picker.kind, picker.select.value])),
    disable(disabled: boolean) {
      for (const picker of pickers) picker.select.disabled = disabled;
    },
  };
}
