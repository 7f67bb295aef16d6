/**
 * The calculator in a process of its own, so the volley can watch its memory (/proc) and see it die if
 * it does: `UNSAFE=1` switches the guard off, `LIMITS=default` serves with the kit's default limits
 * instead of the volley's smaller ones. Prints one JSON line with its URL, ends on SIGTERM.
 */
import { createLogger, onShutdown } from '@journey/platform';
import { startCalculator, VOLLEY_LIMITS } from './calculator-service.js';

const log = createLogger('soap-kit-volley', 'silent');
const service = await startCalculator({
  limits: process.env.LIMITS === 'default' ? undefined : VOLLEY_LIMITS,
  unsafeAcceptAnyXml: process.env.UNSAFE === '1',
  logger: log,
});
onShutdown(log, service.close);
process.stdout.write(`${JSON.stringify({ url: service.url })}\n`);
