import type { Logger } from './logger.js';

type Closer = () => Promise<unknown> | unknown;

/**
 * Runs `close` once on SIGTERM or SIGINT, then exits. A second signal, or a close that takes longer
 * than `graceMs`, forces the exit so a stuck connection can never leave an orphan behind.
 */
export function onShutdown(log: Logger, close: Closer, graceMs = 10_000): void {
  let closing = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (closing) {
      log.warn({ signal }, 'second signal, exiting now');
      process.exit(1);
    }
    closing = true;
    log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      log.error({ graceMs }, 'shutdown took too long, exiting');
      process.exit(1);
    }, graceMs);
    timer.unref();
    try {
      await close();
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  watchOwner(log, () => void stop('SIGTERM'));
}

/**
 * The lab starts each process in its own process group, so a lab that dies hard (SIGKILL, a closed
 * terminal) could leave it running. It passes its pid instead, and we stop when it is gone.
 */
function watchOwner(log: Logger, stop: () => void) {
  const owner = Number(process.env.JOURNEY_OWNER_PID);
  if (!Number.isInteger(owner) || owner <= 0) return;
  const timer = setInterval(() => {
    try {
      process.kill(owner, 0);
    } catch {
      // Our stdout was the lab's pipe; with nobody reading it, a log write could block forever.
      log.level = 'silent';
      clearInterval(timer);
      stop();
    }
  }, 1_000);
  timer.unref();
}
