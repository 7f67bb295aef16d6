import type { PatternRun, PatternView } from '../../api.js';
import { announce, h } from '../../dom.js';

/** What the panels of one stage page share. */
export interface StageState {
  readonly pattern: PatternView;
  /** The run as last reported by the server. */
  run: PatternRun;
  /** A start, stop, kill or restart is under way: every control waits for it. */
  busy: boolean;
  /** Where a failed action says why (drawn in the Run panel). */
  readonly error: HTMLParagraphElement;
  /** Runs a control action: controls disabled meanwhile, progress announced, a failure shown. */
  act(label: string, work: () => Promise<unknown>): Promise<void>;
}

export const isActive = (run: PatternRun) => run.state === 'running' || run.state === 'elsewhere';

/** The shared state of a stage page; `renderControls` redraws every control that depends on it. */
export function stageState(pattern: PatternView, renderControls: () => void): StageState {
  const state: StageState = {
    pattern,
    run: pattern.run,
    busy: false,
    error: h('p', { class: 'error', role: 'alert' }),
    async act(label, work) {
      state.busy = true;
      renderControls();
      announce(`${label}…`);
      try {
        await work();
        announce(`${label}: done`);
        state.error.textContent = '';
      } catch (failure) {
        state.error.textContent = `${label} failed: ${(failure as Error).message}`;
      } finally {
        state.busy = false;
        renderControls();
      }
    },
  };
  return state;
}
