import type { LogLine, PatternView } from '../../api.js';
import { h } from '../../dom.js';

const KEPT_LOG_LINES = 200;

/** The processes' log: the recent lines, then each new one as it comes, the newest in view. */
export function logPanel(pattern: PatternView) {
  const log = h('pre', { class: 'log', tabindex: 0, 'aria-label': 'Process log' });
  const append = (line: LogLine) => {
    log.append(`[${line.process}] ${line.line}\n`);
    while (log.childNodes.length > KEPT_LOG_LINES) log.firstChild?.remove();
    log.scrollTop = log.scrollHeight;
  };
  for (const line of pattern.logs) append(line);
  const element = h(
    'section',
    { 'aria-labelledby': 'log-heading' },
    h('h2', { id: 'log-heading' }, 'Log'),
    log,
  );
  return { element, append };
}
